using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Layers;
using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.UnitTests.Layers;

/// <summary>A layered split under the governed recipient cap: each layer's curator pool is one direct posting, and the
/// contributors beyond the cap go to the receipt's contributor pool.</summary>
public sealed class LayeredRecipientCapTests
{
    private const string ContributorPool = "protocol:contributor-pool:r";

    [Fact]
    public void Layer_pools_are_paid_directly_and_every_fee_still_splits_exactly()
    {
        var rng = new Random(20261205);
        for (var trial = 0; trial < 3_000; trial++)
        {
            var layers = rng.Next(1, LayeredManifest.MaxLayers + 1);
            var manifest = new LayeredManifest(Enumerable.Range(0, layers).Select(l => new ManifestLayer($"datanet-{l}", 1, 1)).ToArray());
            var pools = manifest.Layers.Select(l => RecipientCap.CuratorPoolAccount(l.DatanetId)).ToArray();
            var fee = trial % 10 == 0 ? rng.NextInt64(0, long.MaxValue / 4) : rng.NextInt64(0, 10_000_000);
            var influence = Enumerable.Range(0, rng.Next(0, 101)).ToDictionary(c => $"contributor-{c}", _ => Math.Pow(10, rng.NextDouble() * 6 - 3));
            var shares = LayerShares.Of(influence.Values.Select(v => (rng.Next(layers), v)), layers);
            var parts = LayeredFeeSplit.Split(fee, FeeSharePolicy.Default, "protocol:treasury", "owner", pools, shares, rng.Next(0, 5_001), influence);
            var cap = rng.Next(Math.Max(RecipientCap.MinRecipients, 5 + layers), LedgerLimits.MaxPostingsPerTransfer + 1);
            Assert.Null(manifest.RecipientCapProblem(cap));

            var split = RecipientCap.Apply(parts, cap, "protocol:curator-pool:unused", ContributorPool);

            Assert.InRange(split.Direct.Count, 0, cap);
            Assert.Equal(fee, split.Direct.Sum(p => p.Amount));
            Assert.Equal(parts.Where(p => p.Role == FeeRecipientRole.CuratorPool), split.Direct.Where(p => p.Role == FeeRecipientRole.CuratorPool && p.Account != ContributorPool));
            Assert.Equal(split.Direct.Where(p => p.Account == ContributorPool).Sum(p => p.Amount), split.Pooled.Sum(s => s.Amount));
            Assert.All(split.Pooled, s => Assert.Equal(ContributorPool, s.Pool));
        }
    }

    [Fact]
    public void A_manifest_with_more_layers_than_the_cap_holds_is_refused()
    {
        var manifest = new LayeredManifest(Enumerable.Range(0, 4).Select(l => new ManifestLayer($"d{l}", 1, 1)).ToArray());
        Assert.Equal("manifest.too_many_layers_for_cap", manifest.RecipientCapProblem(RecipientCap.MinRecipients)?.Code);
        Assert.Null(manifest.RecipientCapProblem(9));
        var pools = Enumerable.Range(0, 4).Select(l => new FeeAllocation($"protocol:curator-pool:d{l}", 1, FeeRecipientRole.CuratorPool));
        var contributors = Enumerable.Range(0, 10).Select(c => new FeeAllocation($"c{c}", 1, FeeRecipientRole.Contributor));
        FeeAllocation[] fixedParts = [new("protocol:treasury", 1, FeeRecipientRole.Protocol), new("owner", 1, FeeRecipientRole.ModelOwner),
            new("protocol:treasury", 1, FeeRecipientRole.UnattributedContributorShare), new("protocol:treasury", 1, FeeRecipientRole.WithheldContributorReward)];
        Assert.Throws<ArgumentException>(() => RecipientCap.Apply([.. fixedParts, .. pools, .. contributors], RecipientCap.MinRecipients, "unused", ContributorPool));
        Assert.Equal(9, RecipientCap.Apply([.. fixedParts, .. pools, .. contributors], 9, "unused", ContributorPool).Direct.Count);
    }
}
