using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenLedger.Actors.Grains.Hosting;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A silo host (embedded default: in-memory storage) listening on free loopback ports, reached over TCP like a
/// real deployment — by the SDK in its own host, and by the CLI.
/// </summary>
internal sealed class TcpSiloHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TcpSiloHost(IHost host, int gatewayPort, string clusterId) => (_host, GatewayPort, ClusterId) = (host, gatewayPort, clusterId);

    public int GatewayPort { get; }
    public string ClusterId { get; }

    public static async Task<TcpSiloHost> StartAsync(string clusterId)
    {
        var (siloPort, gatewayPort) = FreePorts.Pair();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: clusterId, clusterId: clusterId);
            silo.AddOpenLedger(new ConfigurationBuilder().Build());
        });
        var host = builder.Build();
        await host.StartAsync();
        return new TcpSiloHost(host, gatewayPort, clusterId);
    }


    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
