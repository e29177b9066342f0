using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Curation;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// Reward rates of the accounts a fee pays, from their staking grains (one read each, in parallel) and the parameter
/// version the caller uses, so a receipt's rates and its parameter version agree.
/// </summary>
public static class RewardRates
{
    /// <summary>The reward rate (basis points) of each account below full rate; accounts at full rate are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ReducedAsync(IGrainFactory grains, IEnumerable<string> accounts, GovernanceParameters parameters)
    {
        var ordered = accounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var standings = await Task.WhenAll(ordered.Select(a => grains.GetGrain<IStakingGrain>(a).GetStandingAsync()));
        var rates = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var standing in standings)
        {
            var rate = ContributorStanding.Restore(0, standing.Penalties, 0, 0, 0).RewardRateBps(parameters.PenaltyThreshold, parameters.PenalizedRewardBps);
            if (rate < 10_000) rates[standing.Account] = rate;
        }
        return rates;
    }
}
