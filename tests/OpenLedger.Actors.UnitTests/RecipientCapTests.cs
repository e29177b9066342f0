using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Governance;
using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.UnitTests;

/// <summary>DESIGN "Recipients per transfer are capped by a governed parameter": <see cref="RecipientCap"/>.</summary>
public sealed class RecipientCapTests
{
    private const string CuratorPool = "protocol:curator-pool:dn";
    private const string ContributorPool = "protocol:contributor-pool:r";

    [Fact]
    public void Random_splits_under_any_cap_pay_the_fee_exactly_and_every_recipient_its_part()
    {
        var rng = new Random(20261202);
        for (var trial = 0; trial < 3_000; trial++)
        {
            var fee = trial % 10 == 0 ? rng.NextInt64(0, long.MaxValue / 4) : rng.NextInt64(0, 10_000_000);
            var curators = Enumerable.Range(0, rng.Next(0, 60)).Select(c => $"curator-{c}").ToArray();
            var influence = Enumerable.Range(0, rng.Next(0, 101)).ToDictionary(c => $"contributor-{c}", _ => Math.Pow(10, rng.NextDouble() * 6 - 3));
            var parts = FeeSplitter.Split(fee, FeeSharePolicy.Default, "protocol:treasury", "owner", curators, influence);
            var reduced = influence.Keys.Where(_ => rng.Next(5) == 0).ToDictionary(c => c, _ => rng.Next(0, 10_000));
            if (reduced.Count > 0) parts = ContributorRewards.ApplyRewardRates(parts, reduced, "protocol:treasury");
            var cap = rng.Next(RecipientCap.MinRecipients, LedgerLimits.MaxPostingsPerTransfer + 1);

            var split = RecipientCap.Apply(parts, cap, CuratorPool, ContributorPool);

            Assert.InRange(split.Direct.Count, 0, cap);
            Assert.Equal(fee, split.Direct.Sum(p => p.Amount)); // conservation, exact integers
            foreach (var pool in new[] { CuratorPool, ContributorPool })
                Assert.Equal(split.Direct.Where(p => p.Account == pool).Sum(p => p.Amount), split.Pooled.Where(s => s.Pool == pool).Sum(s => s.Amount));
            // Every part reaches its recipient, directly or through exactly one pool.
            var received = split.Direct.Where(p => p.Role is not (FeeRecipientRole.CuratorPool or FeeRecipientRole.ContributorPool))
                .Select(p => (p.Account, p.Amount, p.Role)).Concat(split.Pooled.Select(s => (s.Account, s.Amount, s.Role)));
            Assert.Equal(parts.Select(p => (p.Account, p.Amount, p.Role)).Order(), received.Order());
            // Deterministic: the same parts in another order give the same split.
            var again = RecipientCap.Apply(parts.Reverse().ToList(), cap, CuratorPool, ContributorPool);
            if (parts.Count > cap)
            {
                Assert.Equal(split.Direct, again.Direct);
                Assert.Equal(split.Pooled, again.Pooled);
            }
        }
    }

    [Fact]
    public void Curators_go_to_their_pool_first_then_the_smallest_contributor_parts()
    {
        var parts = FeeSplitter.Split(10_000, FeeSharePolicy.Default, "protocol:treasury", "owner",
            Enumerable.Range(0, 40).Select(c => $"curator-{c:D2}").ToArray(),
            Enumerable.Range(1, 10).ToDictionary(c => $"contributor-{c:D2}", c => (double)c));

        Assert.Same(parts, RecipientCap.Apply(parts, parts.Count, CuratorPool, ContributorPool).Direct); // under the cap: unchanged

        var curatorsPooled = RecipientCap.Apply(parts, 16, CuratorPool, ContributorPool);
        Assert.Equal(13, curatorsPooled.Direct.Count); // protocol, owner, one curator pool, ten contributors
        Assert.Equal((CuratorPool, 2_000L), curatorsPooled.Direct.Where(p => p.Role == FeeRecipientRole.CuratorPool).Select(p => (p.Account, p.Amount)).Single());
        Assert.Equal(40, curatorsPooled.Pooled.Count);
        Assert.All(curatorsPooled.Pooled, s => Assert.Equal(50, s.Amount));

        var both = RecipientCap.Apply(parts, 8, CuratorPool, ContributorPool);
        Assert.Equal(8, both.Direct.Count);
        Assert.Equal(["contributor-10", "contributor-09", "contributor-08", "contributor-07"],
            both.Direct.Where(p => p.Role == FeeRecipientRole.Contributor).Select(p => p.Account));
        Assert.Equal(Enumerable.Range(1, 6).Select(c => $"contributor-{c:D2}").Order(),
            both.Pooled.Where(s => s.Pool == ContributorPool).Select(s => s.Account).Order());
    }

    [Fact]
    public void The_worst_case_transfer_fits_one_journal_record()
    {
        // Thousands of curators, top-k at its maximum of 100, penalties withholding parts, the cap at its maximum.
        var parts = FeeSplitter.Split(long.MaxValue / 4, FeeSharePolicy.Default, "protocol:treasury", "owner",
            Enumerable.Range(0, 5_000).Select(c => $"curator-{c}").ToArray(),
            Enumerable.Range(0, 100).ToDictionary(c => $"contributor-{c}", c => 1.0 + c));
        parts = ContributorRewards.ApplyRewardRates(parts, new Dictionary<string, int> { ["contributor-3"] = 5_000 }, "protocol:treasury");
        var split = RecipientCap.Apply(parts, LedgerLimits.MaxPostingsPerTransfer, CuratorPool, ContributorPool);

        Assert.InRange(split.Direct.Count, 1, LedgerLimits.MaxPostingsPerTransfer);
        Assert.Equal(5_000, split.Pooled.Count); // the settlements are chunked by the same cap
        // Every transfer of at most MaxPostingsPerTransfer postings, each field at its maximum length, fits one record.
        Assert.True(LedgerLimits.WorstCaseEntryBytes <= LedgerLimits.MinRecordPayloadBytes,
            $"{LedgerLimits.WorstCaseEntryBytes} > {LedgerLimits.MinRecordPayloadBytes}");
    }

    [Fact]
    public void Governance_keeps_the_cap_within_what_a_journal_record_holds()
    {
        Assert.Empty(ProtocolParameters.Default.Problems());
        Assert.Equal(RecipientCap.DefaultRecipients, ProtocolParameters.Default.MaxRecipientsPerTransfer);
        foreach (var bad in new[] { 0, RecipientCap.MinRecipients - 1, LedgerLimits.MaxPostingsPerTransfer + 1 })
            Assert.Contains((ProtocolParameters.Default with { MaxRecipientsPerTransfer = bad }).Problems(), p => p.Code == "parameters.max_recipients");
        Assert.Throws<ArgumentOutOfRangeException>(() => RecipientCap.Apply([], LedgerLimits.MaxPostingsPerTransfer + 1, CuratorPool, ContributorPool));
        Assert.True(RecipientCap.CuratorPoolAccount(new string('d', 128)).Length <= 128);
        Assert.Equal("protocol:curator-pool:dn-1", RecipientCap.CuratorPoolAccount("dn-1"));
    }
}
