using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Client;
using OpenLedger.Actors.IntegrationTests;
using OpenLedger.Actors.ServiceDefaults.Security;
using Xunit.Abstractions;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// Three silo processes (the built silo, as <c>silo-config/cluster.sh</c> starts them) on loopback ports, clustered
/// through the Azure Table membership table on Azurite, under load from a grain client. One silo is killed
/// (SIGKILL) or stopped (SIGTERM) while the load runs: the workload continues and nothing acknowledged is lost.
/// The kill runs with mutual TLS on the silo and gateway ports (as <c>silo-config/cluster.sh start --tls</c>), with
/// certificates from the project's <c>dev-certs.sh</c>, and the client holding the client certificate.
/// </summary>
public sealed class ClusterFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Killing_a_silo_under_load_loses_no_acknowledged_transfer_and_the_workload_continues()
    {
        using var certificates = DevCertificates.Create();
        await using var cluster = await ThreeSiloClusterAsync("kill", tls: certificates);
        await using var client = await ConnectAsync(cluster[0].Settings, tls: certificates);
        var (load, scenario) = await PrepareAsync(client, "kill");
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(workers: 6, stop.Token);

        await load.WaitForMoreAcknowledgedAsync(60, () => Diagnostics(cluster));
        var victim = await SiloHostingLedgerAsync(client, cluster);
        var beforeKill = (load.Acknowledged, load.TransientFailures);
        victim.Kill();
        await load.WaitForMoreAcknowledgedAsync(120, () => Diagnostics(cluster)); // served by the two survivors
        stop.Cancel();
        await running;
        output.WriteLine($"acknowledged {beforeKill.Acknowledged} before the kill, {load.Acknowledged} in all " +
                         $"({load.InferencesAcknowledged} inferences); transient failures retried: {beforeKill.TransientFailures} before, {load.TransientFailures} in all");

        await AssertNothingAcknowledgedIsLostAsync(client.Client, load, scenario);
        Assert.True(victim.HasExited);
    }

    [Fact]
    public async Task Sigterm_drains_in_flight_work_and_flushes_ledger_batches_then_the_silo_exits_cleanly()
    {
        await using var cluster = await ThreeSiloClusterAsync("drain", shutdownTimeout: TimeSpan.FromSeconds(30));
        await using var client = await ConnectAsync(cluster[0].Settings);
        var (load, scenario) = await PrepareAsync(client, "drain");
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(workers: 6, stop.Token);

        await load.WaitForMoreAcknowledgedAsync(60, () => Diagnostics(cluster));
        var stopping = await SiloHostingLedgerAsync(client, cluster); // its ledger batches must be flushed on the way out
        var beforeStop = (load.Acknowledged, load.TransientFailures);
        var signalled = System.Diagnostics.Stopwatch.StartNew();
        stopping.Terminate();
        // Bounded by the pods' terminationGracePeriodSeconds (60 s): the host's own 30 s shutdown timeout plus exit slack.
        var exitCode = await stopping.WaitForExitAsync(TimeSpan.FromSeconds(60));
        var exitedAfter = signalled.Elapsed;
        await load.WaitForMoreAcknowledgedAsync(60, () => Diagnostics(cluster));
        stop.Cancel();
        await running;
        output.WriteLine($"silo exited {exitedAfter.TotalSeconds:F1} s after SIGTERM with code {exitCode}; acknowledged {beforeStop.Acknowledged} before, " +
                         $"{load.Acknowledged} in all ({load.InferencesAcknowledged} inferences); transient failures retried: {beforeStop.TransientFailures} before, {load.TransientFailures} in all");

        Assert.True(exitCode == 0, $"exit code {exitCode}:\n{stopping.Tail()}");
        Assert.Contains("Application is shutting down", stopping.Output);
        await AssertNothingAcknowledgedIsLostAsync(client.Client, load, scenario);
    }

    private static async Task<SiloGroup> ThreeSiloClusterAsync(string prefix, TimeSpan? shutdownTimeout = null, DevCertificates? tls = null)
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var environment = new Dictionary<string, string>();
        if (shutdownTimeout is { } timeout) environment["OpenLedger__Operations__ShutdownTimeout"] = timeout.ToString("c");
        if (tls is not null)
        {
            // The environment silo-config/cluster.sh gives each silo under --tls.
            environment["OpenLedger__Tls__Enabled"] = "true";
            environment["OpenLedger__Tls__Directory"] = tls.SiloDirectory;
        }
        var settings = SiloSettings.OnAzurite(prefix) with { Environment = environment };
        var silos = new SiloGroup();
        try
        {
            // The first silo creates the membership table; the others join it.
            silos.Add(await SiloProcess.StartReadyAsync(settings));
            var others = new[] { SiloProcess.Start(settings), SiloProcess.Start(settings) };
            silos.AddRange(others); // disposed (killed) with the group if one fails to start
            foreach (var silo in others) await silo.WaitUntilReadyAsync();
            return silos;
        }
        catch
        {
            await silos.DisposeAsync();
            throw;
        }
    }

    private static async Task<ConnectedClient> ConnectAsync(SiloSettings settings, DevCertificates? tls = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddOpenLedgerClient(o =>
        {
            o.Clustering = ClusteringProvider.AzureStorage;
            o.AzureStorageConnectionString = AzuriteEnvironment.ConnectionString;
            o.ClusterId = o.ServiceId = settings.ClusterId!; // on Azurite: always set
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
            if (tls is not null) o.Tls = new ClusterTlsOptions { Enabled = true, Directory = tls.ClientDirectory };
        });
        var host = builder.Build();
        await host.StartAsync();
        return new ConnectedClient(host);
    }

    private static async Task<(ClusterLoad, Scenario)> PrepareAsync(ConnectedClient client, string name)
    {
        var scenario = new Scenario(client.Client, name) { TrainingRows = 200 };
        await scenario.SetUpAsync(deposit: 1_000_000_000);
        return (new ClusterLoad(client.Sdk, scenario), scenario);
    }

    /// <summary>The silo the main ledger is active on (so the test stops the one holding ledger batches).</summary>
    private static async Task<SiloProcess> SiloHostingLedgerAsync(ConnectedClient client, SiloGroup cluster)
    {
        var ledger = client.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        await ledger.GetSummaryAsync();
        var address = await client.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(ledger);
        return cluster.Single(s => s.SiloPort == address?.Endpoint.Port);
    }

    /// <summary>
    /// Every acknowledged deposit is in the account's balance exactly once, and the payer paid exactly one fee per
    /// acknowledged inference (retries after unknown outcomes applied at most once); the ledger still balances.
    /// </summary>
    private static async Task AssertNothingAcknowledgedIsLostAsync(IGrainFactory grains, ClusterLoad load, Scenario scenario)
    {
        var ledger = grains.GetGrain<ILedgerGrain>(LedgerIds.Main);
        Assert.Equal(load.DepositedTotal, await ledger.GetBalanceAsync(ClusterLoad.DepositAccount));
        Assert.Equal(1_000_000_000 - load.InferencesAcknowledged * scenario.Fee, await ledger.GetBalanceAsync(scenario.Payer));
        Assert.Equal(0, (await ledger.GetSummaryAsync()).BalanceSum);
    }

    private static string Diagnostics(SiloGroup cluster) =>
        string.Join("\n", cluster.Select((s, i) => $"--- silo {i} (pid {s.Id}, exited: {s.HasExited})\n{s.Tail(25)}"));

    private sealed class SiloGroup : List<SiloProcess>, IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            foreach (var silo in this) await silo.DisposeAsync();
        }
    }

    private sealed class ConnectedClient(IHost host) : IAsyncDisposable
    {
        public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();
        public OpenLedgerClient Sdk => host.Services.GetRequiredService<OpenLedgerClient>();

        public async ValueTask DisposeAsync()
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
