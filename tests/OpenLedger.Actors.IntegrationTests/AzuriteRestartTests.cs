using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Sessions;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The value trail on Azure storage (Table grain state, Blob artifacts) through Azurite, with the whole
/// cluster stopped and a new one started on the same storage in between.
/// </summary>
public sealed class AzuriteRestartTests
{
    // Random 4-dimensional rows lie within 0.999 cosine of many others; these tests are about storage, so only exact
    // copies count as duplicates here.
    private static Task<InProcessTestCluster> StartClusterAsync(string serviceId) =>
        AzuriteCluster.StartAsync(serviceId, silos: 2, new Dictionary<string, string?> { ["OpenLedger:Governance:DuplicateCosineCutoff"] = "1" });

    /// <summary>
    /// Per-row state is one status byte, so a Datanet far beyond what per-row metadata would fit in one
    /// Azure Table entity (~1 MiB) is stored, reviewed and published.
    /// </summary>
    [Fact]
    public async Task A_thirty_thousand_row_Datanet_fits_in_table_storage()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var cluster = await StartClusterAsync($"large-{Guid.NewGuid():N}"[..24]);
        try
        {
            var datanet = cluster.Client.GetGrain<Abstractions.Datanets.IDatanetGrain>("large");
            await datanet.CreateAsync("owner", Scenario.Metadata(4, 3));
            var random = new Random(3);
            var rowIds = new List<long>();
            for (var s = 0; s < 6; s++)
            {
                var rows = Enumerable.Range(0, 5_000)
                    .Select(_ => new Abstractions.Datanets.ContributionRow([random.NextDouble(), random.NextDouble(), random.NextDouble(), random.NextDouble()], random.Next(3)))
                    .ToList();
                rowIds.AddRange((await datanet.SubmitAsync($"s{s}", $"contributor-{s % 3}", rows)).Rows.Select(r => r.RowId));
            }
            foreach (var batch in rowIds.Where(id => id % 10 != 0).Chunk(10_000))
                await datanet.ReviewAsync("owner", batch, approve: true);
            var version = await datanet.PublishVersionAsync("owner");

            Assert.Equal(27_000, version.RowCount);
            Assert.Equal(27_000, (await datanet.GetInfoAsync()).ApprovedCount);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Balances_versions_and_results_survive_a_full_cluster_restart()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var serviceId = $"restart-{Guid.NewGuid():N}"[..24];
        const int inferences = 25;

        InferenceResult original;
        Abstractions.Datanets.DatanetInfo datanetBefore;
        Abstractions.Models.ModelInfo modelBefore;
        Abstractions.Ledger.LedgerSummary summaryBefore;
        IReadOnlyDictionary<string, long> balancesBefore;
        string[] accounts;
        var first = await StartClusterAsync(serviceId);
        try
        {
            var scenario = new Scenario(first.Client, "azurite") { TrainingRows = 300 };
            await scenario.SetUpAsync(deposit: 1_000_000);
            var results = new List<InferenceResult>();
            for (var i = 0; i < inferences; i++)
                results.Add(await scenario.Session.InferAsync(new InferenceRequest($"k{i}", scenario.QueryFeatures(i))));
            original = results[0];
            accounts = results.SelectMany(r => r.Receipt.Postings).SelectMany(p => new[] { p.DebitAccount, p.CreditAccount }).Distinct().ToArray();
            datanetBefore = await scenario.Datanet.GetInfoAsync();
            modelBefore = await scenario.Model.GetInfoAsync();
            summaryBefore = await scenario.Ledger.GetSummaryAsync();
            balancesBefore = await scenario.Ledger.GetBalancesAsync(accounts);
            Assert.Equal(1_000_000 - inferences * scenario.Fee, balancesBefore[scenario.Payer]);
        }
        finally
        {
            await first.StopAllSilosAsync();
            await first.DisposeAsync();
        }

        var second = await StartClusterAsync(serviceId);
        try
        {
            var scenario = new Scenario(second.Client, "azurite") { TrainingRows = 300 };
            var datanetAfter = await scenario.Datanet.GetInfoAsync();
            Assert.Equal(datanetBefore.Versions, datanetAfter.Versions);
            Assert.Equal((datanetBefore.ApprovedCount, datanetBefore.PendingCount), (datanetAfter.ApprovedCount, datanetAfter.PendingCount));
            Assert.Equal(modelBefore with { Curators = [] }, (await scenario.Model.GetInfoAsync()) with { Curators = [] });
            Assert.Equal(summaryBefore, await scenario.Ledger.GetSummaryAsync());
            Assert.Equal(balancesBefore, await scenario.Ledger.GetBalancesAsync(accounts));
            var contributor = await second.Client.GetGrain<IContributorGrain>(scenario.Contributors[0]).GetProfileAsync();
            Assert.Equal(scenario.TrainingRows / scenario.Contributors.Length, contributor.ContributionCount);

            // A replayed key answers from storage and charges nothing; a new key is charged once, on top.
            var replay = await scenario.Session.InferAsync(new InferenceRequest("k0", scenario.QueryFeatures(0)));
            Assert.Equal(original, replay, InferenceResultComparer.Instance);
            Assert.Equal(balancesBefore[scenario.Payer], await scenario.Ledger.GetBalanceAsync(scenario.Payer));
            var fresh = await scenario.Session.InferAsync(new InferenceRequest("after-restart", scenario.QueryFeatures(3)));
            Assert.Equal(scenario.Fee, fresh.Receipt.Postings.Sum(p => p.Amount));
            Assert.Equal(balancesBefore[scenario.Payer] - scenario.Fee, await scenario.Ledger.GetBalanceAsync(scenario.Payer));
            Assert.Equal(summaryBefore.TransferCount + 2, (await scenario.Ledger.GetSummaryAsync()).TransferCount); // its fee reservation and the post
            Assert.Equal(0, (await scenario.Ledger.GetSummaryAsync()).BalanceSum);
        }
        finally
        {
            await second.StopAllSilosAsync();
            await second.DisposeAsync();
        }
    }
}
