namespace OpenLedger.Actors.Domain.Curation;

/// <summary>
/// A contributor's stake and record: each submission judged adversarial or duplicate adds one to the penalty
/// score and slashes a fraction of the remaining stake (rounded down; the slashed micro-units go to the
/// protocol through the ledger); above the penalty threshold, rewards are paid at a reduced rate. Reputation
/// (0–1) is the share of reviewed rows that were accepted, so it is visible and earned.
/// </summary>
public sealed class ContributorStanding
{
    public long Stake { get; private set; }
    public int Penalties { get; private set; }
    public long AcceptedRows { get; private set; }
    public long RejectedRows { get; private set; }
    public long Slashed { get; private set; }

    /// <summary>A standing as stored.</summary>
    public static ContributorStanding Restore(long stake, int penalties, long acceptedRows, long rejectedRows, long slashed)
    {
        if (stake < 0 || penalties < 0 || acceptedRows < 0 || rejectedRows < 0 || slashed < 0)
            throw new ArgumentOutOfRangeException(nameof(stake), "A stored standing has no negative counts.");
        return new ContributorStanding { Stake = stake, Penalties = penalties, AcceptedRows = acceptedRows, RejectedRows = rejectedRows, Slashed = slashed };
    }

    public double Reputation => AcceptedRows + RejectedRows == 0 ? 0 : (double)AcceptedRows / (AcceptedRows + RejectedRows);

    public void AddStake(long amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        Stake = checked(Stake + amount);
    }

    public void RecordReview(long accepted, long rejected)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(accepted);
        ArgumentOutOfRangeException.ThrowIfNegative(rejected);
        AcceptedRows += accepted;
        RejectedRows += rejected;
    }

    /// <summary>Adds a penalty and removes <paramref name="slashingFractionBps"/> of the stake; returns the micro-units slashed.</summary>
    public long Penalise(int slashingFractionBps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(slashingFractionBps);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(slashingFractionBps, 10_000);
        Penalties++;
        var slashed = (long)((Int128)Stake * slashingFractionBps / 10_000);
        Stake -= slashed;
        Slashed += slashed;
        return slashed;
    }

    /// <summary>The share of earned rewards paid out, in basis points: full until the penalty score passes the threshold.</summary>
    public int RewardRateBps(double penaltyThreshold, int penalizedRewardBps) => Penalties > penaltyThreshold ? penalizedRewardBps : 10_000;
}
