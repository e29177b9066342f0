using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Staking;

/// <summary>
/// Stakes, penalties and reputation of contributors (one grain, key <see cref="StakingIds.Main"/>). Staking moves
/// micro-units from the contributor's ledger account into the protocol's stake escrow; a penalty (a duplicate or
/// adversarial submission) slashes a governed fraction of the stake to the protocol treasury through the ledger.
/// Every write is idempotent by its id.
/// </summary>
[Alias("openledger.IStakingGrain")]
public interface IStakingGrain : IGrainWithStringKey
{
    /// <summary>Moves <paramref name="amount"/> from the account's balance into its stake; idempotent per <paramref name="stakeId"/>.</summary>
    [Alias("stake")] Task<ContributorStandingInfo> StakeAsync(string stakeId, string account, long amount);

    /// <summary>Adds a penalty and slashes the governed fraction of the stake; idempotent per <paramref name="penaltyId"/>. Returns the micro-units slashed.</summary>
    [Alias("penalise"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<long> PenaliseAsync(string penaltyId, string account, string reason);

    /// <summary>Counts reviewed rows towards reputation; idempotent per <paramref name="reviewId"/>.</summary>
    [Alias("record-review"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task RecordReviewAsync(string reviewId, string account, long acceptedRows, long rejectedRows);

    [Alias("standing"), ReadOnly] Task<ContributorStandingInfo> GetStandingAsync(string account);

    /// <summary>The reward rate (basis points) of each named account that is below full rate; accounts at full rate are left out.</summary>
    [Alias("reward-rates"), ReadOnly] Task<IReadOnlyDictionary<string, int>> GetReducedRewardRatesAsync(IReadOnlyList<string> accounts);

    /// <summary>Every positive stake (the snapshot a proposal is decided on).</summary>
    [Alias("stakes"), ReadOnly] Task<IReadOnlyDictionary<string, long>> GetStakesAsync();
}

public static class StakingIds
{
    public const string Main = "main";

    /// <summary>The ledger account holding staked micro-units.</summary>
    public const string EscrowAccount = "protocol:stakes";
}
