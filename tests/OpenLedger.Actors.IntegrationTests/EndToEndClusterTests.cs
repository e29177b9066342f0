using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>One inference's value trail, end to end, on a three-silo cluster.</summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class EndToEndClusterTests(InMemoryClusterFixture fixture)
{
    [Fact]
    public async Task Inference_fees_reach_exactly_the_accounts_its_receipt_names()
    {
        Assert.Equal(3, fixture.Cluster.Silos.Count);
        var scenario = new Scenario(fixture.Client, "e2e");
        await scenario.SetUpAsync(deposit: 1_000_000);
        var model = await scenario.Model.GetInfoAsync();
        Assert.True(model.GradientNorm <= 1e-6);
        Assert.True(model.TrainingAccuracy > 0.95);
        Assert.Equal(scenario.TrainingRows, model.Manifest.RowCount);

        const int count = 60;
        var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
            scenario.Session.InferAsync(new InferenceRequest($"k{i}", scenario.QueryFeatures(i), i % 3 == 0 ? scenario.QueryLabel(i) : null))));

        var expected = new Dictionary<string, long>();
        foreach (var result in results)
        {
            var receipt = result.Receipt;
            Assert.Equal(1.0, result.Probabilities.Sum(), 9);
            Assert.InRange(receipt.Influences.Count, 1, 10);
            Assert.All(receipt.Influences, e => Assert.True(e.Score > 0));
            Assert.Equal(1.0, receipt.Influences.Sum(e => e.Weight), 9);
            Assert.Equal(receipt.Influences.OrderByDescending(e => e.Score).Select(e => e.RowId), receipt.Influences.Select(e => e.RowId));
            Assert.Equal(scenario.Fee, receipt.Postings.Sum(p => p.Amount));
            Assert.All(receipt.Postings, p => Assert.Equal(scenario.Payer, p.DebitAccount));
            Assert.All(receipt.Postings.Where(p => p.Code == "fee.contributor"), p => Assert.Contains(receipt.Influences, e => e.Contributor == p.CreditAccount));
            foreach (var p in receipt.Postings) expected[p.CreditAccount] = expected.GetValueOrDefault(p.CreditAccount) + p.Amount;
        }

        var balances = await scenario.Ledger.GetBalancesAsync(expected.Keys.Append(scenario.Payer).ToList());
        // Every account this scenario owns holds exactly what its receipts paid it (the protocol account is shared by all tests).
        Assert.All(expected.Where(pair => pair.Key != AccountId.Protocol), pair => Assert.Equal(pair.Value, balances[pair.Key]));
        Assert.Equal(1_000_000 - count * scenario.Fee, balances[scenario.Payer]);
        Assert.Equal(0, (await scenario.Ledger.GetSummaryAsync()).BalanceSum);

        // The attribution grain's per-contribution totals are the sums of the receipts' influences.
        var totals = await fixture.Client.GetGrain<IAttributionGrain>(scenario.ModelId).GetTopTotalsAsync(1_000);
        var fromReceipts = results.SelectMany(r => r.Receipt.Influences).GroupBy(e => e.RowId)
            .ToDictionary(g => g.Key, g => (Total: g.Sum(e => e.Score), Count: g.Count()));
        Assert.Equal(fromReceipts.Count, totals.Count);
        Assert.All(totals, t =>
        {
            Assert.Equal(fromReceipts[t.RowId].Count, t.InferenceCount);
            Assert.Equal(fromReceipts[t.RowId].Total, t.TotalScore, 12);
        });
        Assert.Equal(totals.OrderByDescending(t => t.TotalScore).Select(t => t.RowId), totals.Select(t => t.RowId));

        // A contributor's balance, read through its own grain, is the sum its receipts paid it.
        var paid = scenario.Contributors.First(expected.ContainsKey);
        var profile = await fixture.Client.GetGrain<IContributorGrain>(paid).GetProfileAsync();
        Assert.Equal(expected[paid], profile.Balance);
        Assert.Equal(scenario.TrainingRows / scenario.Contributors.Length, profile.ContributionCount);
    }

    [Fact]
    public async Task Published_versions_never_change()
    {
        var scenario = new Scenario(fixture.Client, "versions");
        var v1 = await scenario.PublishAsync();
        Assert.Equal(1, v1.Version);
        Assert.Equal(v1, await scenario.PublishAsync()); // nothing new approved → same version

        var extra = await scenario.Datanet.SubmitAsync("late", "late-contributor", [new ContributionRow(scenario.Data.Row(500).ToArray(), scenario.Data.Labels[500])]);
        await scenario.Datanet.ReviewAsync(scenario.Owner, [extra.Rows[0].RowId], approve: true);
        var v2 = await scenario.Datanet.PublishVersionAsync(scenario.Owner);

        Assert.Equal(2, v2.Version);
        Assert.Equal(v1.RowCount + 1, v2.RowCount);
        Assert.Equal(v1, await scenario.Datanet.GetVersionAsync(1));
        var info = await scenario.Datanet.GetInfoAsync();
        Assert.Equal([v1, v2], info.Versions);
    }

    [Fact]
    public async Task Contribution_pages_span_submissions_with_hashes_and_review_status()
    {
        var scenario = new Scenario(fixture.Client, "pages");
        await scenario.Datanet.CreateAsync(scenario.Owner, Scenario.Metadata(30, 2));
        var rows = Enumerable.Range(0, 25).Select(i => new ContributionRow(scenario.Data.Row(i).ToArray(), scenario.Data.Labels[i])).ToArray();
        await scenario.Datanet.SubmitAsync("a", "alice", rows[..10]);
        await scenario.Datanet.SubmitAsync("b", "bob", rows[10..]);
        await scenario.Datanet.ReviewAsync(scenario.Owner, [3, 12], approve: true);
        await scenario.Datanet.ReviewAsync(scenario.Owner, [4], approve: false);

        var page = await scenario.Datanet.ListContributionsAsync(offset: 2, limit: 12);

        Assert.Equal(Enumerable.Range(3, 12).Select(i => (long)i), page.Select(r => r.RowId));
        Assert.All(page, r => Assert.Equal(ContentHash.Compute(rows[r.RowId - 1].Features, rows[r.RowId - 1].Label), r.ContentHash));
        Assert.Equal(["alice", "bob"], page.Select(r => r.Contributor).Distinct());
        Assert.Equal([ContributionStatus.Approved, ContributionStatus.Rejected], page.Take(2).Select(r => r.Status));
        Assert.Equal(ContributionStatus.Approved, page.Single(r => r.RowId == 12).Status);
        Assert.Equal(2, (await scenario.Datanet.ListContributionsAsync(offset: 23, limit: 100)).Count);
        var bob = fixture.Client.GetGrain<IContributorGrain>("bob");
        Assert.Equal([new ContributedRows(scenario.DatanetId, "b", 11, 15)], await bob.ListContributionsAsync(0, 10));
    }

    [Fact]
    public async Task Contributions_are_hashed_server_side_and_submissions_are_idempotent()
    {
        var scenario = new Scenario(fixture.Client, "submit");
        await scenario.Datanet.CreateAsync(scenario.Owner, Scenario.Metadata(30, 2));
        var rows = new[] { new ContributionRow(scenario.Data.Row(0).ToArray(), scenario.Data.Labels[0]) };

        var first = await scenario.Datanet.SubmitAsync("s1", "alice", rows);
        var again = await scenario.Datanet.SubmitAsync("s1", "alice", rows);

        Assert.Equal(ContentHash.Compute(rows[0].Features, rows[0].Label), first.Rows[0].ContentHash);
        Assert.Equal(first.Rows.Select(r => r.RowId), again.Rows.Select(r => r.RowId));
        Assert.Equal(1, (await scenario.Datanet.GetInfoAsync()).PendingCount);
    }
}
