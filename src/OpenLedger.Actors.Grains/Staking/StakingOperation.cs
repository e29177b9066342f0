namespace OpenLedger.Actors.Grains.Staking;

public enum StakingOperationKind { Stake = 0, Penalty = 1, Review = 2 }

/// <summary>
/// A write applied to an account's standing, by its id: a stake (<see cref="Amount"/> staked), a penalty
/// (<see cref="Amount"/> slashed, with its reason) or a review (<see cref="Amount"/> rows accepted,
/// <see cref="Rejected"/> rejected). Kept in the account's recent window and, durably and for ever, as a
/// <see cref="IStakingRecordGrain"/> marker, so a repeat of any id answers the first outcome.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.staking-operation")]
public sealed record StakingOperation(
    [property: Id(0)] StakingOperationKind Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] long Amount,
    [property: Id(3)] long Rejected = 0,
    [property: Id(4)] string? Reason = null);
