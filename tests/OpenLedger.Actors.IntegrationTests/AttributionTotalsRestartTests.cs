using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Sessions;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The attribution grain's per-contribution totals on Azure Table storage (Azurite): written periodically and
/// on deactivation, they survive a full cluster restart, equal the sum of the receipts' influences, and a
/// replayed inference is not counted again after the restart.
/// </summary>
public sealed class AttributionTotalsRestartTests
{
    private static Task<InProcessTestCluster> StartClusterAsync(string serviceId) =>
        AzuriteCluster.StartAsync(serviceId, silos: 2, new Dictionary<string, string?> { ["OpenLedger:Attribution:TotalsFlushInterval"] = "00:00:00.200" });

    [Fact]
    public async Task Totals_survive_a_restart_and_equal_the_receipts()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"totals-{Guid.NewGuid():N}"[..24];
        const int inferences = 20;

        List<InferenceResult> results = [];
        IReadOnlyList<ContributionTotal> before;
        var first = await StartClusterAsync(serviceId);
        try
        {
            var scenario = new Scenario(first.Client, "totals") { TrainingRows = 300 };
            await scenario.SetUpAsync(deposit: 1_000_000);
            var calls = Enumerable.Range(0, inferences)
                .Select(i => scenario.Session.InferAsync(new InferenceRequest($"k{i}", scenario.QueryFeatures(i))));
            results.AddRange(await Task.WhenAll(calls)); // concurrent: queries share scans
            before = await first.Client.GetGrain<IAttributionGrain>(scenario.ModelId).GetTopTotalsAsync(1_000);
            AssertEqualToReceipts(results, before);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartClusterAsync(serviceId);
        try
        {
            var scenario = new Scenario(second.Client, "totals") { TrainingRows = 300 };
            var attribution = second.Client.GetGrain<IAttributionGrain>(scenario.ModelId);
            var after = await attribution.GetTopTotalsAsync(1_000);
            Assert.Equal(before, after);

            // A replay answers from storage and adds nothing; a new inference adds exactly its receipt.
            await scenario.Session.InferAsync(new InferenceRequest("k0", scenario.QueryFeatures(0)));
            Assert.Equal(before, await attribution.GetTopTotalsAsync(1_000));
            results.Add(await scenario.Session.InferAsync(new InferenceRequest("after-restart", scenario.QueryFeatures(7))));
            AssertEqualToReceipts(results, await attribution.GetTopTotalsAsync(1_000));
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }

    private static void AssertEqualToReceipts(IEnumerable<InferenceResult> results, IReadOnlyList<ContributionTotal> totals)
    {
        var fromReceipts = results.SelectMany(r => r.Receipt.Influences).GroupBy(e => e.RowId)
            .ToDictionary(g => g.Key, g => (Total: g.Sum(e => e.Score), Count: g.Count(), Contributor: g.First().Contributor));
        Assert.NotEmpty(fromReceipts);
        Assert.Equal(fromReceipts.Count, totals.Count);
        Assert.All(totals, t =>
        {
            Assert.Equal(fromReceipts[t.RowId].Count, t.InferenceCount);
            Assert.Equal(fromReceipts[t.RowId].Contributor, t.Contributor);
            Assert.Equal(fromReceipts[t.RowId].Total, t.TotalScore, 12);
        });
    }
}
