using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.UnitTests;

public sealed class ContributorRewardsTests
{
    [Fact]
    public void Only_finite_positive_influence_at_or_above_the_floor_is_payable()
    {
        var payable = ContributorRewards.PayableInfluence(
            [("alice", 0.5), ("alice", 0.25), ("bob", 1e-12), ("carol", -0.3), ("dave", double.NaN), ("erin", 1e-6)], floor: 1e-6);
        Assert.Equal(new Dictionary<string, double> { ["alice"] = 0.75, ["erin"] = 1e-6 }, payable);
        Assert.Throws<ArgumentOutOfRangeException>(() => ContributorRewards.PayableInfluence([], -1));
    }

    [Fact]
    public void Reduced_rates_withhold_part_of_a_penalised_contributor_reward_and_the_parts_still_sum_to_the_fee()
    {
        var random = new Random(5);
        for (var trial = 0; trial < 500; trial++)
        {
            var fee = random.NextInt64(0, 1_000_000_000);
            var influence = Enumerable.Range(0, random.Next(1, 8)).ToDictionary(i => $"c{i}", _ => random.NextDouble());
            var parts = FeeSplitter.Split(fee, FeeSharePolicy.Default, "protocol", "owner", ["curator"], influence);
            var rates = influence.Keys.Where(_ => random.Next(3) == 0).ToDictionary(k => k, _ => random.Next(0, 10_001));

            var adjusted = ContributorRewards.ApplyRewardRates(parts, rates, "protocol");

            Assert.Equal(fee, adjusted.Sum(p => p.Amount));
            Assert.All(adjusted, p => Assert.True(p.Amount > 0));
            foreach (var part in parts.Where(p => p.Role == FeeRecipientRole.Contributor))
            {
                var paid = adjusted.Where(p => p.Account == part.Account && p.Role == FeeRecipientRole.Contributor).Sum(p => p.Amount);
                var expected = rates.TryGetValue(part.Account, out var rate) ? part.Amount * rate / 10_000 : part.Amount;
                Assert.Equal(expected, paid);
            }
            var withheld = adjusted.Where(p => p.Role == FeeRecipientRole.WithheldContributorReward).Sum(p => p.Amount);
            Assert.Equal(parts.Where(p => p.Role == FeeRecipientRole.Contributor).Sum(p => p.Amount)
                - adjusted.Where(p => p.Role == FeeRecipientRole.Contributor).Sum(p => p.Amount), withheld);
        }
    }
}
