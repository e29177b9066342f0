using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Silo.Operations.Health;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>The readiness check's ledger part: healthy while the journal verifies, unhealthy once it does not.</summary>
public sealed class LedgerHealthCheckTests
{
    [Fact]
    public async Task The_ledger_check_fails_readiness_when_the_journal_no_longer_verifies()
    {
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions());
        var ledger = cluster.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);
        var check = new LedgerHealthCheck(cluster.Client, TimeSpan.FromSeconds(30));
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("d1", "alice", 10));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        // Lose the head witness behind the ledger's back, then let it start again from storage.
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var ledgerId = GrainId.Create("ledger", LedgerIds.Main);
        var head = new GrainState<JournalHead>();
        await storage.ReadStateAsync(JournalHead.StateName, ledgerId, head);
        Assert.True(head.RecordExists);
        await storage.ClearStateAsync(JournalHead.StateName, ledgerId, head);
        await cluster.DeactivateAsync(ledger);

        var result = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("head witness is missing", result.Description);
        await cluster.StopAllSilosAsync();
    }
}
