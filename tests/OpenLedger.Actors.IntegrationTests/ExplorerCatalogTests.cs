using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>The explorer's read model, fed by the real grains on a three-silo cluster.</summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class ExplorerCatalogTests(InMemoryClusterFixture fixture)
{
    private IExplorerCatalogGrain Catalog => fixture.Client.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);

    [Fact]
    public async Task The_catalog_follows_datanets_models_and_inferences_with_the_ledgers_amounts()
    {
        var scenario = new Scenario(fixture.Client, "explorer");
        await scenario.SetUpAsync(deposit: 1_000_000);
        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            scenario.Session.InferAsync(new InferenceRequest($"k{i}", scenario.QueryFeatures(i)))));
        await scenario.Session.InferAsync(new InferenceRequest("k0", scenario.QueryFeatures(0))); // a replay is not a new inference
        await Catalog.FlushAsync();

        var datanet = await Catalog.GetDatanetAsync(scenario.DatanetId);
        Assert.NotNull(datanet);
        Assert.Single(datanet.Info.Versions);
        Assert.Equal(scenario.Contributors.Order(StringComparer.Ordinal), datanet.Contributors.Select(c => c.Account));
        Assert.All(datanet.Contributors, c => Assert.Equal((80, 80, 0, 1.0), (c.Submitted, c.Approved, c.Rejected, c.AcceptanceRate)));

        var model = await Catalog.GetModelAsync(scenario.ModelId);
        Assert.NotNull(model);
        Assert.Equal((30L, 30 * scenario.Fee), (model.InferenceCount, model.FeesCharged));
        Assert.Equal(scenario.Fee, model.Info.FeePerInference);

        // Every account this scenario owns stands on the leaderboard with exactly its ledger balance, and its
        // earnings history adds up to the same integer.
        var owned = results.SelectMany(r => r.Receipt.Postings).Select(p => p.CreditAccount).Where(a => a != AccountId.Protocol).Distinct().ToList();
        var balances = await scenario.Ledger.GetBalancesAsync(owned);
        foreach (var account in owned)
        {
            var standing = await Catalog.GetStandingAsync(account);
            Assert.NotNull(standing);
            Assert.Equal(balances[account], standing.Earned);
            var history = await fixture.Client.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(ExplorerIds.Catalog, account)).GetHistoryAsync();
            Assert.Equal(balances[account], history.Amounts.Sum());
        }

        var feed = await Catalog.GetFeedAsync(1, 100);
        Assert.Subset(feed.Items.Select(i => i.InferenceId).ToHashSet(), results.Select(r => r.InferenceId).ToHashSet());
        Assert.Equal(feed.Items.Select(i => i.Sequence).OrderDescending(), feed.Items.Select(i => i.Sequence));
    }

    /// <summary>
    /// Issue 13: the catalog recognised repeats only among the last 4,096 inferences, so a late retry counted twice. Now
    /// a repeat after 10,001 others — its completion time almost three hours back, in a period closed to its pages — and
    /// one from the middle change nothing, and every delivery returned only once durable.
    /// </summary>
    [Fact]
    public async Task A_repeat_after_ten_thousand_other_inferences_is_not_counted_twice()
    {
        var catalog = fixture.Client.GetGrain<IExplorerCatalogGrain>($"test-late-{Guid.NewGuid():N}");
        var at = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        InferenceRecorded Inference(int i) => new($"late-{i}", "m", "d", i % 10, 15, 1, [new TransferPosting("payer", "owner", 5, "fee.model_owner")], at.AddSeconds(i));
        const int count = 10_002;
        for (var start = 0; start < count; start += 250) // concurrent deliveries share the catalog's writes
            await Task.WhenAll(Enumerable.Range(start, Math.Min(250, count - start)).Select(i => catalog.InferenceRecordedAsync(Inference(i))));

        var before = await catalog.GetOverviewAsync(1, 1, 1);
        Assert.Equal((count, count * 5L), (before.InferenceCount, before.FeesCharged));
        await catalog.InferenceRecordedAsync(Inference(0)); // the late retry
        await catalog.InferenceRecordedAsync(Inference(5_000));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => catalog.InferenceRecordedAsync(Inference(1)))); // repeats racing each other

        var after = await catalog.GetOverviewAsync(1, 1, 1);
        Assert.Equal((before.InferenceCount, before.FeesCharged), (after.InferenceCount, after.FeesCharged));
        Assert.Equal(count * 5L, (await catalog.GetStandingAsync("owner"))!.Earned);
    }

    [Fact]
    public async Task Feed_pages_reach_past_the_recent_window_into_stored_pages_and_repeats_count_once()
    {
        var catalog = fixture.Client.GetGrain<IExplorerCatalogGrain>($"test-{Guid.NewGuid():N}");
        var at = DateTimeOffset.UtcNow;
        const int count = 5_300; // more than the 4,096 kept in memory and than five stored pages of 1,000
        for (var i = 1; i <= count; i++)
        {
            var postings = new[] { new TransferPosting("payer", $"acct-{i % 7}", 10 + i % 3, "fee.contributor"), new TransferPosting("payer", "owner", 5, "fee.model_owner") };
            await catalog.InferenceRecordedAsync(new InferenceRecorded($"inf-{i}", "m", "d", i % 10, 15, 1, postings, at.AddSeconds(i / 50)));
            if (i % 1_500 == 0) await catalog.FlushAsync();
        }
        // A repeat carries its inference's completion time (fixed in the write that owes it), as in production: with another
        // time it could land in another recorded-id period and, near an hour boundary, count again.
        await catalog.InferenceRecordedAsync(new InferenceRecorded($"inf-{count}", "m", "d", 0, 15, 1, [new TransferPosting("payer", "owner", 5, "fee.model_owner")], at.AddSeconds(count / 50)));
        await catalog.FlushAsync();

        var first = await catalog.GetFeedAsync(1, 25);
        Assert.Equal(count, first.Total);
        Assert.Equal(Enumerable.Range(count - 24, 25).Reverse().Select(i => (long)i), first.Items.Select(i => i.Sequence));
        var deep = await catalog.GetFeedAsync(count / 25, 25); // sequences 26..50, long out of the recent window
        Assert.Equal(Enumerable.Range(count - (count / 25) * 25 + 1, 25).Reverse().Select(i => (long)i), deep.Items.Select(i => i.Sequence));
        Assert.Equal(deep.Items.Select(i => $"inf-{i.Sequence}"), deep.Items.Select(i => i.InferenceId));
        var last = await catalog.GetFeedAsync(count / 25 + 1, 25);
        Assert.Equal(Enumerable.Range(1, count % 25).Reverse().Select(i => (long)i), last.Items.Select(i => i.Sequence));
        Assert.Empty((await catalog.GetFeedAsync(count / 25 + 2, 25)).Items);

        var board = await catalog.GetLeaderboardAsync(0, 100);
        Assert.Equal(8, board.TotalAccounts);
        Assert.Equal(count * 5L, board.Entries.Single(e => e.Account == "owner").Earned);
        Assert.Equal(Enumerable.Range(1, count).Sum(i => 10L + i % 3) + count * 5L, board.TotalEarned);
        Assert.Equal(board.Entries.OrderByDescending(e => e.Earned).Select(e => e.Account), board.Entries.Select(e => e.Account));
        await Assert.ThrowsAsync<Abstractions.Errors.OpenLedgerException>(() => catalog.GetFeedAsync(0, 25));
    }
}
