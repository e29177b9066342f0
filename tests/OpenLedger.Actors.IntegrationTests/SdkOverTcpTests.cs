using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Client;
using OpenLedger.Actors.Grains.Hosting;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The client SDK as an agent platform uses it: a separate host that calls <c>AddOpenLedgerClient</c> and
/// reaches a silo host over TCP on loopback (not the test cluster's in-memory transport).
/// </summary>
public sealed class SdkOverTcpTests
{

    [Fact]
    public async Task A_client_host_connects_with_one_call_and_runs_typed_operations()
    {
        var (siloPort, gatewayPort) = FreePorts.Pair();
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: "sdk-tcp", clusterId: "sdk-tcp");
            silo.AddOpenLedger(new ConfigurationBuilder().Build());
        });
        using var silo = siloBuilder.Build();
        await silo.StartAsync();
        try
        {
            var clientBuilder = Host.CreateApplicationBuilder();
            clientBuilder.AddOpenLedgerClient(o =>
            {
                o.GatewayPort = gatewayPort;
                o.ClusterId = "sdk-tcp";
                o.ServiceId = "sdk-tcp";
            });
            using var clientHost = clientBuilder.Build();
            await clientHost.StartAsync();
            var client = clientHost.Services.GetRequiredService<OpenLedgerClient>();

            Assert.Equal(TransferResultCode.Ok, await client.DepositAsync("tcp-1", "agent-tcp", 5_000));
            Assert.Equal(TransferResultCode.Exists, await client.DepositAsync("tcp-1", "agent-tcp", 5_000));
            Assert.Equal(5_000, await client.GetBalanceAsync("agent-tcp"));
            var error = await Assert.ThrowsAsync<Abstractions.Errors.OpenLedgerException>(() => client.GetModelAsync("no-such-model"));
            Assert.Equal("model.not_found", error.ErrorCode);
            await clientHost.StopAsync();
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task A_client_finds_the_silo_through_the_Azure_Table_membership_table()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var id = $"sdk-az-{Guid.NewGuid():N}"[..20];
        var (siloPort, gatewayPort) = FreePorts.Pair();
        var siloBuilder = Host.CreateApplicationBuilder();
        siloBuilder.UseOrleans(silo =>
        {
            silo.Configure<Orleans.Configuration.ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (id, id));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            silo.UseAzureStorageClustering(o => o.TableServiceClient = new Azure.Data.Tables.TableServiceClient(AzuriteEnvironment.ConnectionString));
            silo.AddOpenLedger(new ConfigurationBuilder().Build());
        });
        using var silo = siloBuilder.Build();
        await silo.StartAsync();
        try
        {
            var clientBuilder = Host.CreateApplicationBuilder();
            clientBuilder.AddOpenLedgerClient(o =>
            {
                o.Clustering = ClusteringProvider.AzureStorage;
                o.AzureStorageConnectionString = AzuriteEnvironment.ConnectionString;
                o.ClusterId = id;
                o.ServiceId = id;
            });
            using var clientHost = clientBuilder.Build();
            await clientHost.StartAsync();
            var client = clientHost.Services.GetRequiredService<OpenLedgerClient>();

            Assert.Equal(TransferResultCode.Ok, await client.DepositAsync("az-1", "agent-az", 7_000));
            Assert.Equal(7_000, await client.GetBalanceAsync("agent-az"));
            await clientHost.StopAsync();
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public void Invalid_client_options_are_refused_at_start_up()
    {
        var builder = Host.CreateApplicationBuilder();
        var error = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            builder.AddOpenLedgerClient(o => o.Clustering = ClusteringProvider.AzureStorage));
        Assert.Contains("AzureStorageConnectionString", error.Message);
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Host.CreateApplicationBuilder().AddOpenLedgerClient(o => o.GatewayPort = 0));
        var badConnection = Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Host.CreateApplicationBuilder().AddOpenLedgerClient(o => (o.Clustering, o.AzureStorageConnectionString) = (ClusteringProvider.AzureStorage, "not a connection string")));
        Assert.Contains("not a valid Azure Storage connection string", badConnection.Message);
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Host.CreateApplicationBuilder().AddOpenLedgerClient(o => o.GatewayHost = "no host name"));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Host.CreateApplicationBuilder().AddOpenLedgerClient(o => o.AttemptTimeout = TimeSpan.Zero));
        Assert.Throws<Microsoft.Extensions.Options.OptionsValidationException>(() =>
            Host.CreateApplicationBuilder().AddOpenLedgerClient(o => o.ClusterId = "spaces are not allowed"));
    }
}
