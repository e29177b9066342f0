using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.ServiceDefaults.Security;

namespace OpenLedger.Actors.IntegrationTests.Security;

/// <summary>
/// A real cluster of silo hosts on loopback TCP (silo-to-silo and gateway connections are sockets, not the test
/// cluster's in-memory transport), localhost clustering with silo 1 as the primary, optionally with the cluster's
/// mutual TLS; and clients connecting to it as outside services do.
/// </summary>
internal sealed class TcpCluster : IAsyncDisposable
{
    private readonly List<IHost> _silos;

    private TcpCluster(string clusterId, List<IHost> silos, int[] gatewayPorts) => (ClusterId, _silos, GatewayPorts) = (clusterId, silos, gatewayPorts);

    public string ClusterId { get; }
    public int[] GatewayPorts { get; }
    public IReadOnlyList<IHost> Silos => _silos;

    /// <summary>Silo code: the grain factory of silo <paramref name="index"/> (what the co-hosted HTTP API and the demo use).</summary>
    public IGrainFactory SiloGrains(int index = 0) => _silos[index].Services.GetRequiredService<IGrainFactory>();

    public SiloAddress SiloAddress(int index) => _silos[index].Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;

    public static async Task<TcpCluster> StartAsync(string clusterId, int silos = 3, ClusterTlsOptions? tls = null, Action<ISiloBuilder>? configure = null)
    {
        var artifacts = new InMemoryArtifactStore();
        var ports = FreePorts.Take(2 * silos);
        var (siloPorts, gatewayPorts) = (ports[..silos], ports[silos..]);
        var primary = new IPEndPoint(IPAddress.Loopback, siloPorts[0]);
        var hosts = new List<IHost>();
        try
        {
            for (var i = 0; i < silos; i++)
            {
                var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                var (siloPort, gatewayPort) = (siloPorts[i], gatewayPorts[i]);
                builder.UseOrleans(silo =>
                {
                    silo.UseLocalhostClustering(siloPort, gatewayPort, primary, serviceId: clusterId, clusterId: clusterId);
                    silo.Services.AddSingleton<IArtifactStore>(artifacts);
                    configure?.Invoke(silo); // first, so a test's call filters see calls before the silo's own filters
                    silo.AddOpenLedger(new ConfigurationBuilder().Build());
                    if (tls is not null) silo.UseClusterTls(tls);
                });
                var host = builder.Build();
                await host.StartAsync();
                hosts.Add(host);
            }
            return new TcpCluster(clusterId, hosts, gatewayPorts);
        }
        catch
        {
            foreach (var host in hosts) await StopAsync(host);
            throw;
        }
    }

    /// <summary>A client host for gateway <paramref name="gateway"/>, not started (<paramref name="configure"/> may change it first).</summary>
    public IHost Client(int gateway = 0, ClusterTlsOptions? tls = null, Action<IClientBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client =>
        {
            client.UseLocalhostClustering(GatewayPorts[gateway], ClusterId, ClusterId);
            if (tls is not null) client.UseClusterTls(tls);
            configure?.Invoke(client);
        });
        return builder.Build();
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _silos.Count - 1; i >= 0; i--) await StopAsync(_silos[i]);
    }

    private static async Task StopAsync(IHost host)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
        }
        host.Dispose();
    }
}
