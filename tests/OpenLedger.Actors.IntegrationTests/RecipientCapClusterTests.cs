using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Storage;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// DESIGN "Recipients per transfer are capped by a governed parameter", through the grains of a two-silo cluster whose
/// genesis cap is 8 postings: a Datanet with 32 curators (the Datanet's own maximum) and ten contributors, so each
/// inference's split names up to 44 accounts. Every fee transfer stays within the cap; the curators' parts go through
/// the Datanet's curator pool, the smallest contributor parts through the receipt's pool; the pools' settlements (at
/// most 8 postings each) pay every member exactly its part, leave the pools empty, and a replay settles nothing again.
/// </summary>
public sealed class RecipientCapClusterTests(ITestOutputHelper output)
{
    private const int Cap = 8;
    private const int Curators = 32;

    [Fact]
    public async Task Thirty_two_curators_and_ten_contributors_share_fees_through_pools_within_the_cap()
    {
        await using var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = 2,
            ArtifactStore = new InMemoryArtifactStore(),
            Settings = new Dictionary<string, string?> { ["OpenLedger:Governance:MaxRecipientsPerTransfer"] = $"{Cap}" },
        });
        var scenario = new Scenario(cluster.Client, "pools")
        {
            Contributors = Enumerable.Range(1, 10).Select(i => $"contrib-pools-{i}").ToArray(),
            Fee = 96_000,
        };
        await scenario.PublishAsync();
        // The Datanet's owner curates too: 31 invited (each accepts: only accepted curators share fees) make the Datanet's maximum of 32.
        foreach (var i in Enumerable.Range(1, Curators - 1))
        {
            await scenario.Datanet.AppointCuratorAsync(scenario.Owner, $"curator-pools-{i:D2}");
            await scenario.Datanet.AcceptCuratorAsync($"curator-pools-{i:D2}");
        }
        var curators = (await scenario.TrainAsync()).Curators.ToArray();
        Assert.Equal(Curators, curators.Length);
        const long deposit = 100_000_000;
        await scenario.OpenFundedSessionAsync(deposit);

        var results = new List<InferenceResult>();
        for (var i = 0; i < 12; i++) results.Add(await scenario.Session.InferAsync(new InferenceRequest($"k{i}", scenario.QueryFeatures(i))));
        await scenario.Session.InferAsync(new InferenceRequest("k0", scenario.QueryFeatures(0))); // a replay settles nothing again

        var curatorPool = RecipientCap.CuratorPoolAccount(scenario.DatanetId);
        var pools = results.SelectMany(r => r.Receipt.Postings).Where(p => p.Code.EndsWith("_pool", StringComparison.Ordinal)).Select(p => p.CreditAccount).Distinct().ToList();
        Assert.Contains(curatorPool, pools);
        Assert.All(results, r =>
        {
            Assert.InRange(r.Receipt.Postings.Count, 1, Cap);
            Assert.Equal(r.Receipt.Fee, r.Receipt.Postings.Sum(p => p.Amount)); // the payer is no recipient: the whole fee moves
        });

        // Each curator received exactly its equal part of every fee (20 % of 96,000 over 32 = 600), through the pool.
        var curatorShare = scenario.Fee * FeeSharePolicy.Default.CuratorsBps / 10_000 / Curators;
        var balances = await scenario.Ledger.GetBalancesAsync([.. curators, .. pools]);
        Assert.All(curators, c => Assert.Equal(results.Count * curatorShare, balances[c]));
        Assert.All(pools, p => Assert.Equal(0, balances[p])); // every pool paid out what it held

        // The settlements are their own transfers, each within the cap; the money is conserved end to end.
        var poolLines = (await scenario.Ledger.GetStatementAsync(curatorPool, 0, 1_000)).Entries;
        var settlements = poolLines.Where(l => l.Amount < 0).GroupBy(l => l.TransferId).ToList();
        Assert.Equal(results.Count * (Curators / Cap), settlements.Count);
        Assert.All(settlements, s => Assert.InRange(s.Count(), 1, Cap));
        var payer = await scenario.Ledger.GetBalanceAsync(scenario.Payer);
        var recipients = results.SelectMany(r => r.Receipt.Postings).Select(p => p.CreditAccount)
            .Concat(curators).Concat(scenario.Contributors).Distinct().ToList();
        var received = (await scenario.Ledger.GetBalancesAsync(recipients)).Values.Sum();
        Assert.Equal(deposit - payer, received);
        Assert.Equal(results.Count * scenario.Fee, deposit - payer);
        output.WriteLine($"{results.Count} inferences, {results.Max(r => r.Receipt.Postings.Count)} postings at most per fee transfer (cap {Cap}); " +
            $"{settlements.Count} curator-pool settlements; pools used: {string.Join(", ", pools.Select(p => p.Split(':')[1]).Distinct())}");
        Assert.DoesNotContain(pools, p => AccountId.Validate(p) is null); // pools are system accounts nobody can claim as theirs
    }
}
