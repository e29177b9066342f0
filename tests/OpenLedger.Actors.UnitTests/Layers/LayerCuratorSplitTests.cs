using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Layers;

namespace OpenLedger.Actors.UnitTests.Layers;

/// <summary>Property tests of the layer shares and the curators' split among layers, on seeded random inputs.</summary>
public sealed class LayerCuratorSplitTests
{
    private static long[] RandomShares(Random rng, int layers) =>
        Enumerable.Range(0, layers).Select(_ => rng.Next(0, 3) == 0 ? 0L : rng.NextInt64(1, LayerShares.Scale)).ToArray();

    private static long RandomPart(Random rng, int trial) => trial % 10 == 0 ? rng.NextInt64(0, long.MaxValue / 4) : rng.NextInt64(0, 5_000_000);

    [Fact]
    public void Parts_sum_to_the_curators_part_and_respect_the_floor()
    {
        var rng = new Random(20261203);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var layers = rng.Next(1, LayeredManifest.MaxLayers + 1);
            var shares = RandomShares(rng, layers);
            var part = RandomPart(rng, trial);
            var floorBps = rng.Next(0, 3) == 0 ? 0 : rng.Next(0, LayerCuratorSplit.MaxFloorBps + 1);

            var parts = LayerCuratorSplit.Apportion(part, shares, floorBps);

            Assert.Equal(part, parts.Sum());
            var floor = (long)((Int128)part * LayerCuratorSplit.EffectiveFloorBps(floorBps, layers) / 10_000);
            Assert.All(parts, p => Assert.True(p >= floor, $"{p} below the floor {floor}"));
            for (var l = 0; l < layers; l++)
            {
                if (shares.Any(s => s > 0) && shares[l] == 0) Assert.Equal(floor, parts[l]); // no influence: the floor only
            }
        }
    }

    [Fact]
    public void Raising_one_layers_share_never_lowers_its_part()
    {
        var rng = new Random(17);
        for (var trial = 0; trial < 20_000; trial++)
        {
            var layers = rng.Next(2, LayeredManifest.MaxLayers + 1);
            var shares = RandomShares(rng, layers);
            var part = RandomPart(rng, trial);
            var floorBps = rng.Next(0, LayerCuratorSplit.MaxFloorBps + 1);
            var layer = rng.Next(layers);
            var raised = (long[])shares.Clone();
            raised[layer] += rng.Next(0, 2) == 0 ? 1 : rng.NextInt64(1, LayerShares.Scale);

            var before = LayerCuratorSplit.Apportion(part, shares, floorBps);
            var after = LayerCuratorSplit.Apportion(part, raised, floorBps);

            if (shares.Any(s => s > 0)) Assert.True(after[layer] >= before[layer], $"trial {trial}: layer {layer} fell from {before[layer]} to {after[layer]}");
        }
    }

    [Fact]
    public void Influence_only_follows_the_shares_and_with_no_influence_splits_equally()
    {
        Assert.Equal([0L, 1_000], LayerCuratorSplit.Apportion(1_000, [0, 7], floorBps: 0));
        Assert.Equal([250L, 750], LayerCuratorSplit.Apportion(1_000, [1, 3], floorBps: 0));
        Assert.Equal([334L, 333, 333], LayerCuratorSplit.Apportion(1_000, [0, 0, 0], floorBps: 0));
        // floor 10 %: 100 each first, then the remaining 800 by 1:3
        Assert.Equal([300L, 700], LayerCuratorSplit.Apportion(1_000, [1, 3], floorBps: 1_000));
        // a floor of 50 % with three layers is capped at a third each
        Assert.Equal(3_333, LayerCuratorSplit.EffectiveFloorBps(5_000, 3));
        Assert.Equal([334L, 333, 333], LayerCuratorSplit.Apportion(1_000, [9, 0, 0], floorBps: 5_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerCuratorSplit.Apportion(1_000, [1], floorBps: 5_001));
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerCuratorSplit.Apportion(-1, [1], floorBps: 0));
    }

    [Fact]
    public void One_layer_pays_what_todays_split_pays_a_single_curator()
    {
        var rng = new Random(3);
        var pool = RecipientCap.CuratorPoolAccount("digits");
        for (var trial = 0; trial < 2_000; trial++)
        {
            var fee = RandomPart(rng, trial);
            var influence = Enumerable.Range(0, rng.Next(0, 8)).ToDictionary(c => $"contributor-{c}", _ => rng.NextDouble() - 0.2);
            var shares = LayerShares.Of(influence.Values.Select(v => (0, v)), 1);
            var today = FeeSplitter.Split(fee, FeeSharePolicy.Default, "protocol:treasury", "owner", [pool], influence);
            var layered = LayeredFeeSplit.Split(fee, FeeSharePolicy.Default, "protocol:treasury", "owner", [pool], shares, rng.Next(0, 5_001), influence);
            Assert.Equal(today.Select(p => (p.Account, p.Amount)), layered.Select(p => (p.Account, p.Amount)));
        }
    }

    [Fact]
    public void Layer_shares_sum_to_one_billion_or_are_empty()
    {
        var rng = new Random(5);
        for (var trial = 0; trial < 5_000; trial++)
        {
            var layers = rng.Next(1, LayeredManifest.MaxLayers + 1);
            var entries = Enumerable.Range(0, rng.Next(0, 20))
                .Select(_ => (rng.Next(layers), rng.Next(0, 4) == 0 ? -rng.NextDouble() : Math.Pow(10, rng.NextDouble() * 10 - 8))).ToList();
            var shares = LayerShares.Of(entries, layers);
            var positive = entries.Any(e => e.Item2 > 0);
            Assert.Equal(positive ? LayerShares.Scale : 0, shares.PartsPerBillion.Sum());
            Assert.Equal(!positive, shares.IsEmpty);
            for (var l = 0; l < layers; l++)
            {
                if (shares.PositiveInfluence[l] == 0) Assert.Equal(0, shares.PartsPerBillion[l]);
            }
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => LayerShares.Of([(2, 1.0)], 2));
    }

    [Fact]
    public void The_layered_fee_split_conserves_every_fee()
    {
        var rng = new Random(20261204);
        for (var trial = 0; trial < 5_000; trial++)
        {
            var layers = rng.Next(1, LayeredManifest.MaxLayers + 1);
            var fee = RandomPart(rng, trial);
            var shares = LayerShares.Of(Enumerable.Range(0, rng.Next(0, 12)).Select(_ => (rng.Next(layers), rng.NextDouble() - 0.2)), layers);
            var influence = Enumerable.Range(0, rng.Next(0, 10)).ToDictionary(c => $"contributor-{c}", _ => rng.NextDouble() - 0.3);
            var pools = Enumerable.Range(0, layers).Select(l => RecipientCap.CuratorPoolAccount($"datanet-{l}")).ToArray();
            var floorBps = rng.Next(0, LayerCuratorSplit.MaxFloorBps + 1);

            var parts = LayeredFeeSplit.Split(fee, FeeSharePolicy.Default, "protocol:treasury", "owner", pools, shares, floorBps, influence);

            Assert.Equal(fee, parts.Sum(p => p.Amount));
            Assert.All(parts, p => Assert.True(p.Amount > 0));
            var curatorPart = FeeSplitter.RoleParts(fee, FeeSharePolicy.Default)[2];
            Assert.Equal(curatorPart, parts.Where(p => p.Role == FeeRecipientRole.CuratorPool).Sum(p => p.Amount));
            Assert.DoesNotContain(parts, p => p.Role == FeeRecipientRole.Contributor && influence[p.Account] <= 0);
        }
    }
}
