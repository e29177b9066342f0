namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// The curation side of an account's staking grain (same grain, key: the account), for grain-to-grain calls from
/// Datanets only: penalties (each slashes a governed fraction of the stake) and reviewed-row counts (reputation).
/// Idempotent by id: a penalty or review id is applied once, whenever it is repeated.
/// </summary>
[Alias("openledger.IStakingCurationGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IStakingCurationGrain : IGrainWithStringKey
{
    /// <summary>Adds a penalty and slashes the governed fraction of the stake; returns the micro-units slashed (the first answer on a repeat).</summary>
    [Alias("penalise")] Task<long> PenaliseAsync(string penaltyId, string reason);

    /// <summary>Counts reviewed rows towards reputation.</summary>
    [Alias("record-review")] Task RecordReviewAsync(string reviewId, long acceptedRows, long rejectedRows);
}
