using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.UnitTests;

public sealed class FeeSplitTests
{
    [Fact]
    public void Random_fees_and_weights_split_exactly_with_no_negative_part()
    {
        var rng = new Random(20261125);
        for (var trial = 0; trial < 5_000; trial++)
        {
            var fee = trial % 10 == 0 ? rng.NextInt64(0, long.MaxValue / 2) : rng.NextInt64(0, 10_000_000);
            var contributorCount = rng.Next(0, 12);
            var influence = new Dictionary<string, double>();
            for (var c = 0; c < contributorCount; c++)
                influence[$"contributor:{rng.Next(0, 20)}"] = rng.Next(0, 4) == 0 ? 0 : Math.Pow(10, rng.NextDouble() * 12 - 9);
            var curators = Enumerable.Range(0, rng.Next(0, 4)).Select(c => $"curator:{c}").ToArray();
            var policy = RandomPolicy(rng);

            var parts = FeeSplitter.Split(fee, policy, "protocol", "owner", curators, influence);

            Assert.Equal(fee, parts.Sum(p => p.Amount));
            Assert.All(parts, p => Assert.True(p.Amount > 0));
            Assert.Equal(parts, FeeSplitter.Split(fee, policy, "protocol", "owner", curators.Reverse().ToArray(), new Dictionary<string, double>(influence.Reverse())));
            Assert.DoesNotContain(parts, p => p.Role == FeeRecipientRole.Contributor && influence[p.Account] <= 0);
        }
    }

    private static FeeSharePolicy RandomPolicy(Random rng)
    {
        var a = rng.Next(0, 10_001);
        var b = rng.Next(0, 10_001 - a);
        var c = rng.Next(0, 10_001 - a - b);
        return new FeeSharePolicy(a, b, c, 10_000 - a - b - c);
    }

    [Fact]
    public void Default_policy_pays_10_20_20_50_percent()
    {
        var parts = FeeSplitter.Split(1_000, FeeSharePolicy.Default, "protocol", "owner", ["curator"],
            new Dictionary<string, double> { ["alice"] = 3, ["bob"] = 1 });
        Assert.Equal(
            [
                new FeeAllocation("protocol", 100, FeeRecipientRole.Protocol),
                new FeeAllocation("owner", 200, FeeRecipientRole.ModelOwner),
                new FeeAllocation("curator", 200, FeeRecipientRole.Curator),
                new FeeAllocation("alice", 375, FeeRecipientRole.Contributor),
                new FeeAllocation("bob", 125, FeeRecipientRole.Contributor),
            ],
            parts);
    }

    [Fact]
    public void Without_positive_influence_the_contributor_share_goes_to_the_protocol()
    {
        var parts = FeeSplitter.Split(10, FeeSharePolicy.Default, "protocol", "owner", ["curator"], new Dictionary<string, double> { ["x"] = -1 });
        Assert.Contains(new FeeAllocation("protocol", 5, FeeRecipientRole.UnattributedContributorShare), parts);
        Assert.Equal(10, parts.Sum(p => p.Amount));
    }

    [Fact]
    public void Largest_remainder_gives_leftover_units_to_largest_remainders_then_lowest_index()
    {
        // 10 by 1:1:1 → quotas 3⅓ each → floors 3,3,3 and one unit left: equal remainders, so index 0 wins.
        Assert.Equal([4L, 3, 3], LargestRemainder.Apportion(10, new long[] { 1, 1, 1 }));
        // 7 by 5:3:2 → 3.5, 2.1, 1.4 → floors 3,2,1 and one left → largest remainder .5 → index 0.
        Assert.Equal([4L, 2, 1], LargestRemainder.Apportion(7, new long[] { 5, 3, 2 }));
        // 7 by 2:3:5 → 1.4, 2.1, 3.5 → index 2.
        Assert.Equal([1L, 2, 4], LargestRemainder.Apportion(7, new long[] { 2, 3, 5 }));
        Assert.Equal([0L, 5], LargestRemainder.Apportion(5, new long[] { 0, 9 }));
    }

    [Fact]
    public void Bad_inputs_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LargestRemainder.Apportion(-1, new long[] { 1 }));
        Assert.Throws<ArgumentException>(() => LargestRemainder.Apportion(5, new long[] { 0, 0 }));
        Assert.Throws<ArgumentException>(() => LargestRemainder.Apportion(5, new[] { double.NaN }));
        Assert.Throws<ArgumentException>(() => new FeeSharePolicy(5_000, 5_000, 1, 0).Validated());
    }
}
