using OpenLedger.Actors.Domain.Economics;

namespace OpenLedger.Actors.Domain.Curation;

/// <summary>
/// The anti-gaming rules applied to the contributors' side of a fee split:
/// <list type="bullet">
/// <item><see cref="PayableInfluence"/>: only influence at or above the floor (and positive) is paid, so dust
/// rows earn nothing;</item>
/// <item><see cref="ApplyRewardRates"/>: a contributor above the penalty threshold receives only their reward
/// rate of their part (rounded down); the rest is withheld for the protocol, so the parts still sum to the fee.</item>
/// </list>
/// </summary>
public static class ContributorRewards
{
    /// <summary>Per-contributor summed influence of the entries that are finite, positive and at least <paramref name="floor"/>.</summary>
    public static Dictionary<string, double> PayableInfluence(IEnumerable<(string Contributor, double Score)> influences, double floor)
    {
        if (!double.IsFinite(floor) || floor < 0) throw new ArgumentOutOfRangeException(nameof(floor), "The influence floor must be finite and ≥ 0.");
        var byContributor = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (contributor, score) in influences)
        {
            if (!double.IsFinite(score) || score <= 0 || score < floor) continue;
            byContributor[contributor] = byContributor.GetValueOrDefault(contributor) + score;
        }
        return byContributor;
    }

    /// <summary>
    /// Scales each contributor part by <paramref name="rewardRateBps"/> of its account (10,000 = full); the withheld
    /// micro-units go to <paramref name="protocolAccount"/> as one <see cref="FeeRecipientRole.WithheldContributorReward"/> part.
    /// </summary>
    public static IReadOnlyList<FeeAllocation> ApplyRewardRates(
        IReadOnlyList<FeeAllocation> parts, IReadOnlyDictionary<string, int> rewardRateBps, string protocolAccount)
    {
        var adjusted = new List<FeeAllocation>(parts.Count + 1);
        long withheld = 0;
        foreach (var part in parts)
        {
            if (part.Role != FeeRecipientRole.Contributor || !rewardRateBps.TryGetValue(part.Account, out var rate) || rate >= 10_000)
            {
                adjusted.Add(part);
                continue;
            }
            if (rate < 0) throw new ArgumentOutOfRangeException(nameof(rewardRateBps), $"Reward rate {rate} of '{part.Account}' is negative.");
            var paid = (long)((Int128)part.Amount * rate / 10_000);
            withheld += part.Amount - paid;
            if (paid > 0) adjusted.Add(part with { Amount = paid });
        }
        if (withheld > 0) adjusted.Add(new FeeAllocation(protocolAccount, withheld, FeeRecipientRole.WithheldContributorReward));
        return adjusted;
    }
}
