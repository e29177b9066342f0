using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// The stakes of the accounts whose <see cref="StakeIndex.BucketOf"/> is this grain's key. Each account's staking
/// grain reports its stake with a version that grows with every change; an older version never overwrites a newer
/// one, so repeats and reordering are harmless. Internal (grain-to-grain only).
/// </summary>
[Alias("openledger.IStakeIndexBucketGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IStakeIndexBucketGrain : IGrainWithIntegerKey
{
    [Alias("set")] Task SetAsync(string account, long stake, long version);

    /// <summary>Every account of the bucket with a positive stake.</summary>
    [Alias("stakes"), ReadOnly] Task<IReadOnlyList<StakeEntry>> GetStakesAsync();
}

[GenerateSerializer, Immutable, Alias("openledger.stake-entry")]
public sealed record StakeEntry([property: Id(0)] string Account, [property: Id(1)] long Stake);
