using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Grains.Governance;
using OpenLedger.Actors.Grains.Staking;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Issue 18: an inference reads its contributors' penalty counts from the silo's <see cref="PenaltySnapshots"/>, not
/// from a staking grain per contributor. A penalty must still bite at once, on every silo: it is pushed to each before
/// <c>PenaliseAsync</c> returns.
/// </summary>
[Collection(InMemoryClusterCollection.Name)]
public sealed class PenaltySnapshotsTests(InMemoryClusterFixture fixture)
{
    [Fact]
    public async Task A_penalty_reaches_every_silo_before_it_is_acknowledged_and_the_next_inferences_withhold()
    {
        var scenario = new Scenario(fixture.Client, "penalty-push");
        await scenario.SetUpAsync();
        var sessions = new List<IInferenceSessionGrain> { scenario.Session };
        for (var i = 1; i < 9; i++)
        {
            var session = fixture.Client.GetGrain<IInferenceSessionGrain>($"{scenario.SessionId}-{i}");
            await session.OpenAsync(scenario.Payer, scenario.ModelId, topK: 10);
            sessions.Add(session);
        }
        // Every session pays at full rate first, so each silo's snapshot holds the contributors' counts (fresh, 0).
        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            var before = await session.InferAsync(new InferenceRequest("before", scenario.QueryFeatures(i)));
            Assert.DoesNotContain(before.Receipt.Postings, p => p.Code == "fee.withheld");
        }

        var threshold = (int)(await fixture.Client.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main).GetCurrentAsync()).Parameters.PenaltyThreshold;
        foreach (var contributor in scenario.Contributors)
            for (var p = 0; p <= threshold; p++)
                await fixture.Client.GetGrain<IStakingCurationGrain>(contributor).PenaliseAsync($"push-{p}", "snapshot test");

        // Acknowledged, so already in every silo's memory (the snapshots were fresh: only the push explains the count).
        foreach (var silo in fixture.Cluster.Silos)
        {
            var counts = await silo.ServiceProvider.GetRequiredService<PenaltySnapshots>().PenaltiesAsync(scenario.Contributors);
            Assert.All(scenario.Contributors, c => Assert.Equal(threshold + 1, counts[c]));
        }
        var withheld = 0L;
        foreach (var (session, i) in sessions.Select((s, i) => (s, i)))
        {
            var after = await session.InferAsync(new InferenceRequest("after", scenario.QueryFeatures(i)));
            var contributorParts = after.Receipt.Postings.Where(p => p.Code == "fee.contributor").Sum(p => p.Amount);
            var held = after.Receipt.Postings.Where(p => p.Code == "fee.withheld").Sum(p => p.Amount);
            Assert.True(held > 0, $"session {i}: nothing withheld after every contributor passed the threshold");
            Assert.True(contributorParts > 0, $"session {i}: penalised contributors are reduced, not cut off");
            withheld += held;
        }
        Assert.True(withheld > 0);
    }

    [Fact]
    public async Task Counts_never_go_back_and_are_read_again_once_older_than_the_refresh_interval()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var options = Options.Create(new GovernanceOptions { SnapshotRefresh = TimeSpan.FromSeconds(30) });
        var snapshots = new PenaltySnapshots(fixture.Client, options, clock);
        var account = "snapshot-reread";
        await fixture.Client.GetGrain<IStakingCurationGrain>(account).PenaliseAsync("reread-1", "snapshot test");

        Assert.Equal(1, (await snapshots.PenaltiesAsync([account]))[account]); // not held yet: read from the staking grain
        Assert.Equal(5, snapshots.Offer(account, 5)); // a push
        Assert.Equal(5, snapshots.Offer(account, 3)); // an older count arriving late is ignored
        Assert.Equal(5, (await snapshots.PenaltiesAsync([account, account]))[account]); // fresh: from memory

        clock.Advance(TimeSpan.FromSeconds(31));
        await fixture.Client.GetGrain<IStakingCurationGrain>(account).PenaliseAsync("reread-2", "snapshot test");
        // Due for a re-check: the staking grain says 2, but a count never goes back below what was heard (5).
        Assert.Equal(5, (await snapshots.PenaltiesAsync([account]))[account]);
        for (var p = 3; p <= 7; p++) await fixture.Client.GetGrain<IStakingCurationGrain>(account).PenaliseAsync($"reread-{p}", "snapshot test");
        clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(7, (await snapshots.PenaltiesAsync([account]))[account]); // a silo that missed pushes catches up
    }

    [Fact]
    public void Memory_is_bounded_however_many_accounts_are_paid()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UnixEpoch);
        var snapshots = new PenaltySnapshots(fixture.Client, Options.Create(new GovernanceOptions()), clock);
        for (var i = 0; i < PenaltySnapshots.MaxAccounts; i++) snapshots.Offer($"bounded-{i}", 0);
        Assert.Equal(PenaltySnapshots.MaxAccounts, snapshots.Count);

        clock.Advance(TimeSpan.FromMinutes(1)); // all due for a re-check: they make room first
        for (var i = 0; i < 10; i++) snapshots.Offer($"bounded-new-{i}", 1);
        Assert.Equal(10, snapshots.Count);

        for (var i = 0; i < PenaltySnapshots.MaxAccounts * 2; i++) snapshots.Offer($"bounded-more-{i}", 0); // all fresh
        Assert.True(snapshots.Count <= PenaltySnapshots.MaxAccounts);
    }
}
