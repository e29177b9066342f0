using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The explorer's read model on Azure Table storage (Azurite): the catalog, its feed pages and the account histories
/// survive a full cluster restart, and an inference told again after the restart is recognised (from the pages of
/// recorded ids, however old).
/// </summary>
public sealed class ExplorerCatalogRestartTests
{
    private static Task<InProcessTestCluster> StartClusterAsync(string serviceId) =>
        AzuriteCluster.StartAsync(serviceId, silos: 1, new Dictionary<string, string?> { ["OpenLedger:Explorer:FlushInterval"] = "00:00:00.200" });

    private static InferenceRecorded Inference(int i, DateTimeOffset at) => new($"inf-{i}", "model-r", "dn-r", i % 10, 100, 2,
        [new TransferPosting("payer-r", $"contributor-r{i % 3}", 60, "fee.contributor"), new TransferPosting("payer-r", "owner-r", 40, "fee.model_owner")],
        at.AddSeconds(i));

    private static readonly ModelInfo Model = new("model-r", "owner-r", 100, new TrainingManifest("dn-r", 1, 10, "artifact"),
        0.01, 0.1, 0.9, 1e-9, 5, 4, 2, "artifact", [], DateTimeOffset.UnixEpoch);

    private static (long, long) Counts(ModelCatalogEntry? entry) => (entry!.InferenceCount, entry.FeesCharged);

    [Fact]
    public async Task The_read_model_survives_a_restart_and_still_recognises_a_repeat()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"explorer-{Guid.NewGuid():N}"[..24];
        var catalogKey = $"restart-{Guid.NewGuid():N}";
        var at = DateTimeOffset.UtcNow;
        const int count = 1_200; // two stored feed pages

        LeaderboardPage board;
        InferenceFeedPage feed;
        var first = await StartClusterAsync(serviceId);
        try
        {
            var catalog = first.Client.GetGrain<IExplorerCatalogGrain>(catalogKey);
            await catalog.ModelRegisteredAsync(Model);
            for (var i = 1; i <= count; i++) await catalog.InferenceRecordedAsync(Inference(i, at));
            await catalog.FlushAsync();
            board = await catalog.GetLeaderboardAsync(0, 10);
            feed = await catalog.GetFeedAsync(3, 25);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartClusterAsync(serviceId);
        try
        {
            var catalog = second.Client.GetGrain<IExplorerCatalogGrain>(catalogKey);
            Assert.Equal(board, await catalog.GetLeaderboardAsync(0, 10), LeaderboardComparer.Instance);
            Assert.Equal(feed.Items, (await catalog.GetFeedAsync(3, 25)).Items);
            Assert.Equal(count * 40L, (await catalog.GetStandingAsync("owner-r"))!.Earned);
            var history = await second.Client.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(catalogKey, "owner-r")).GetHistoryAsync();
            Assert.Equal(count * 40L, history.Amounts.Sum());
            Assert.Equal((count, count * 100L), Counts(await catalog.GetModelAsync(Model.Id)));

            await catalog.InferenceRecordedAsync(Inference(count, at)); // told again after the restart: not counted twice
            await catalog.InferenceRecordedAsync(Inference(1, at)); // and the oldest, 1,199 inferences later, read from its pages
            await catalog.InferenceRecordedAsync(Inference(count + 1, at));
            Assert.Equal(count + 1, (await catalog.GetFeedAsync(1, 1)).Total);
            Assert.Equal((count + 1) * 40L, (await catalog.GetStandingAsync("owner-r"))!.Earned);
            Assert.Equal((count + 1, (count + 1) * 100L), Counts(await catalog.GetModelAsync(Model.Id)));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private sealed class LeaderboardComparer : IEqualityComparer<LeaderboardPage>
    {
        public static readonly LeaderboardComparer Instance = new();
        public bool Equals(LeaderboardPage? x, LeaderboardPage? y) =>
            x is not null && y is not null && x.TotalAccounts == y.TotalAccounts && x.TotalEarned == y.TotalEarned && x.Entries.SequenceEqual(y.Entries);
        public int GetHashCode(LeaderboardPage page) => page.TotalAccounts;
    }
}
