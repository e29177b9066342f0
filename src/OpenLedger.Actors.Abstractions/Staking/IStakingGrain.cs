using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Staking;

/// <summary>
/// One account's stake, penalties and reputation (key: the account). Staking moves micro-units from the account's
/// ledger balance into the protocol's stake escrow as the transfer <see cref="StakingIds.StakeTransferId"/>; stake ids
/// belong to their account (two accounts may use the same id without meeting). Every write is idempotent by its id,
/// however old. Penalties and reviews come only from Datanets, through the staking grain's internal interface.
/// </summary>
[Alias("openledger.IStakingGrain")]
public interface IStakingGrain : IGrainWithStringKey
{
    /// <summary>
    /// Moves <paramref name="amount"/> from the account's balance into its stake; idempotent per <paramref name="stakeId"/>.
    /// Internal: it spends the account's money, so outside callers reach it only as that account (HTTP with its API key).
    /// </summary>
    [Alias("stake"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<ContributorStandingInfo> StakeAsync(string stakeId, long amount);

    [Alias("standing"), ReadOnly] Task<ContributorStandingInfo> GetStandingAsync();
}

public static class StakingIds
{
    /// <summary>The ledger account holding staked micro-units.</summary>
    public const string EscrowAccount = "protocol:stakes";

    /// <summary>The ledger transfer of a stake: scoped to the account, so no account can take another's stake id.</summary>
    public static string StakeTransferId(string account, string stakeId) => $"stake:{account}|{stakeId}";

    /// <summary>The ledger transfer of a penalty's slash (escrow → treasury).</summary>
    public static string SlashTransferId(string account, string penaltyId) => $"slash:{account}|{penaltyId}";
}
