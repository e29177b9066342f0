using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Domain.Curation;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// Reward rates of the accounts a fee pays, from the silo's penalty counts (<see cref="PenaltySnapshots"/>: memory, no
/// call per account) and the parameter version the caller uses, so a receipt's rates and its parameter version agree.
/// </summary>
public static class RewardRates
{
    /// <summary>The reward rate (basis points) of each account below full rate; accounts at full rate are left out.</summary>
    public static async Task<IReadOnlyDictionary<string, int>> ReducedAsync(PenaltySnapshots penalties, IEnumerable<string> accounts, GovernanceParameters parameters)
    {
        var counts = await penalties.PenaltiesAsync(accounts.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        var rates = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (account, count) in counts)
        {
            var rate = ContributorStanding.Restore(0, count, 0, 0, 0).RewardRateBps(parameters.PenaltyThreshold, parameters.PenalizedRewardBps);
            if (rate < 10_000) rates[account] = rate;
        }
        return rates;
    }
}
