using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Silo.Operations.Health;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// The readiness check's ledger part: healthy while the journal verifies, unhealthy once it does not — with
/// partitions, once the journal of any one partition (here the last) does not.
/// </summary>
public sealed class LedgerHealthCheckTests
{
    [Theory, InlineData(1), InlineData(3)]
    public async Task The_ledger_check_fails_readiness_when_the_journal_no_longer_verifies(int partitions)
    {
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Settings = new Dictionary<string, string?> { ["OpenLedger:Ledger:Partitions"] = partitions.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        });
        var router = new LedgerRouter(cluster.Client, partitions);
        var check = new LedgerHealthCheck(router, TimeSpan.FromSeconds(30));
        foreach (var account in new[] { "alice", "bob", "carol", "dave", "erin" }) Assert.Equal(TransferResultCode.Ok, await router.DepositAsync($"d-{account}", account, 10));
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        // Lose the head witness of the last partition behind its back, then let it start again from storage.
        var ledger = router.Partition(partitions - 1);
        var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
        var ledgerId = ledger.GetGrainId();
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
