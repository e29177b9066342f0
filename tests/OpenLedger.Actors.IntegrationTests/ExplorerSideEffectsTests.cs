using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The explorer catalog acknowledges an inference once it is committed (its event page, then its state with the id);
/// the feed lines, leaderboard standings and earnings histories are written later, from the event log. Whatever fails
/// or crashes in between, every acknowledged inference ends up in each of them exactly once: writes failing before or
/// after reaching storage, an activation dying without delivering (its deactivation flush failing), a silo killed.
/// </summary>
public sealed class ExplorerSideEffectsTests(ITestOutputHelper output)
{
    private const string Standings = "explorer-standings";
    private const string Accounts = "explorer-account";
    private const string FeedPages = "feed-page";

    private static readonly ModelInfo Model = new("model-s", "owner-s", 100, new TrainingManifest("dn-s", 1, 10, "artifact"),
        0.01, 0.1, 0.9, 1e-9, 5, 4, 2, "artifact", [], DateTimeOffset.UnixEpoch);

    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow;

    private static InferenceRecorded Inference(int i) => new($"inf-{i}", Model.Id, "dn-s", i % 10, 100, 1,
        [new TransferPosting("payer-s", Contributor(i), 60, "fee.contributor"), new TransferPosting("payer-s", "owner-s", 40, "fee.model_owner")],
        Start.AddSeconds(i));

    private static string Contributor(int i) => $"contributor-s{i % 3}";

    [Fact]
    public async Task Deliveries_failing_before_or_after_storage_and_an_activation_dying_undelivered_lose_and_double_nothing()
    {
        var faults = new ScriptedFaults();
        await using var cluster = await ScriptedFaults.StartClusterAsync(faults,
            new Dictionary<string, string?> { ["OpenLedger:Explorer:FlushInterval"] = "01:00:00" }, silos: 1); // only the test flushes
        var key = $"side-effects-{Guid.NewGuid():N}";
        var catalog = cluster.Client.GetGrain<IExplorerCatalogGrain>(key);
        await catalog.ModelRegisteredAsync(Model);
        for (var i = 1; i <= 6; i++) await catalog.InferenceRecordedAsync(Inference(i));
        await catalog.FlushAsync();
        await AssertExactAsync(cluster, key, 6, stored: true);

        for (var i = 7; i <= 12; i++) await catalog.InferenceRecordedAsync(Inference(i));
        faults.Arm(Standings, FaultKind.AfterWrite); // a bucket holds the new standings, the catalog hears a failure
        faults.Arm(Accounts, FaultKind.AfterWrite); // an account's history holds its earnings, the catalog hears a failure
        faults.Arm(FeedPages, FaultKind.BeforeWrite); // the feed lines are not written
        await catalog.FlushAsync();
        Assert.Equal(3, faults.Fired);
        await catalog.InferenceRecordedAsync(Inference(12)); // a repeat: acknowledged, not counted
        for (var i = 13; i <= 15; i++) await catalog.InferenceRecordedAsync(Inference(i)); // acknowledged, never delivered

        // The activation dies: every delivery of its deactivation flush fails.
        for (var i = 0; i < 16; i++)
        {
            faults.Arm(Standings, FaultKind.BeforeWrite);
            faults.Arm(Accounts, FaultKind.BeforeWrite);
            faults.Arm(FeedPages, FaultKind.BeforeWrite);
        }
        await cluster.Client.GetGrain<IManagementGrain>(0).DeactivateGrain(catalog.GetGrainId());
        for (var wait = 0; faults.Fired == 3 && wait < 100; wait++) await Task.Delay(100);
        await Task.Delay(500); // the deactivation flush's remaining deliveries fail too
        Assert.True(faults.Fired > 3, "the deactivation flush delivered nothing");
        output.WriteLine($"{faults.Fired - 3} deliveries failed on deactivation");
        faults.Disarm();

        await AssertExactAsync(cluster, key, 15, stored: false); // the new activation replays the event pages not flushed
        await catalog.FlushAsync();
        await AssertExactAsync(cluster, key, 15, stored: true);

        await cluster.Client.GetGrain<IManagementGrain>(0).DeactivateGrain(catalog.GetGrainId());
        await AssertExactAsync(cluster, key, 15, stored: true); // read back from the buckets: nothing replayed twice
        await catalog.InferenceRecordedAsync(Inference(16));
        await catalog.FlushAsync();
        await AssertExactAsync(cluster, key, 16, stored: true);
    }

    [Fact]
    public async Task Acknowledged_inferences_survive_the_silo_holding_the_catalog_being_killed()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"explorer-kill-{Guid.NewGuid():N}"[..24];
        var cluster = await AzuriteCluster.StartAsync(serviceId, silos: 2, new Dictionary<string, string?> { ["OpenLedger:Explorer:FlushInterval"] = "01:00:00" });
        try
        {
            // The primary silo hosts the test cluster's membership: find a catalog key activated on the other one.
            var primary = cluster.Silos[0].SiloAddress;
            var management = cluster.Client.GetGrain<IManagementGrain>(0);
            string key;
            SiloAddress? host;
            var attempt = 0;
            do
            {
                Assert.True(attempt < 32, "no catalog was placed off the primary silo");
                key = $"kill-{attempt++}-{Guid.NewGuid():N}";
                await cluster.Client.GetGrain<IExplorerCatalogGrain>(key).ModelRegisteredAsync(Model);
                host = await management.GetActivationAddress(cluster.Client.GetGrain<IExplorerCatalogGrain>(key));
            }
            while (host is null || host.Equals(primary));
            var catalog = cluster.Client.GetGrain<IExplorerCatalogGrain>(key);

            for (var i = 1; i <= 10; i++) await catalog.InferenceRecordedAsync(Inference(i));
            await catalog.FlushAsync();
            for (var i = 11; i <= 40; i++) await catalog.InferenceRecordedAsync(Inference(i)); // acknowledged, not delivered

            await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (true)
            {
                try
                {
                    await catalog.FlushAsync(); // activates the catalog on the surviving silo, which replays the event pages
                    break;
                }
                catch (Exception e) when (DateTime.UtcNow < deadline)
                {
                    output.WriteLine($"catalog not reachable yet: {e.GetType().Name}");
                    await Task.Delay(1_000);
                }
            }
            Assert.NotEqual(host, await management.GetActivationAddress(catalog));
            await AssertExactAsync(cluster, key, 40, stored: true);
            Assert.Equal((40L, 4_000L), Counts(await catalog.GetModelAsync(Model.Id)));

            await management.DeactivateGrain(catalog.GetGrainId());
            await AssertExactAsync(cluster, key, 40, stored: true);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static (long, long) Counts(ModelCatalogEntry? entry) => (entry!.InferenceCount, entry.FeesCharged);

    /// <summary>Inferences 1 to <paramref name="count"/> are in the feed, the leaderboard and the earnings histories once
    /// each; when <paramref name="stored"/>, also in the stored feed pages and the accounts' histories.</summary>
    private static async Task AssertExactAsync(InProcessTestCluster cluster, string key, int count, bool stored)
    {
        var catalog = cluster.Client.GetGrain<IExplorerCatalogGrain>(key);
        var feed = await catalog.GetFeedAsync(1, 100);
        Assert.Equal(count, feed.Total);
        Assert.Equal(Enumerable.Range(1, count).Reverse().Select(i => $"inf-{i}"), feed.Items.Select(s => s.InferenceId));
        Assert.Equal(Enumerable.Range(1, count).Reverse().Select(i => (long)i), feed.Items.Select(s => s.Sequence));

        var board = await catalog.GetLeaderboardAsync(0, 10);
        Assert.Equal(count * 100L, board.TotalEarned);
        var owner = await catalog.GetStandingAsync("owner-s");
        Assert.Equal((count * 40L, (long)count), (owner!.Earned, owner.Payments));
        for (var c = 0; c < 3; c++)
        {
            var paid = Enumerable.Range(1, count).Count(i => Contributor(i) == $"contributor-s{c}");
            var standing = await catalog.GetStandingAsync($"contributor-s{c}");
            Assert.Equal((paid * 60L, (long)paid), (standing!.Earned, standing.Payments));
        }
        if (!stored) return;

        var lines = await cluster.Client.GetGrain<IInferenceFeedPageGrain>(0, key, null).GetRangeAsync(1, count);
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"inf-{i}"), lines.Select(s => s.InferenceId));
        var history = await cluster.Client.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(key, "owner-s")).GetHistoryAsync();
        Assert.Equal(count * 40L, history.Amounts.Sum());
        for (var c = 0; c < 3; c++)
        {
            var paid = Enumerable.Range(1, count).Count(i => Contributor(i) == $"contributor-s{c}");
            var earned = await cluster.Client.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(key, $"contributor-s{c}")).GetHistoryAsync();
            Assert.Equal(paid * 60L, earned.Amounts.Sum());
        }
    }
}
