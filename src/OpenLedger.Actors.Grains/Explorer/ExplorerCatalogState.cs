using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// The catalog's durable state: one entity that stays small whatever the traffic — counters, the counts it still owes the
/// models' entries (≤ 1,024 deltas), the index of recorded ids and two event-log page numbers (budget 256 KiB, README
/// "Size budgets"); the events themselves are in event pages. Datanet and model
/// entries live in per-Datanet and per-model grains and their ids in directory pages, standings in leaderboard buckets,
/// the feed in page grains, earnings over time in account grains.
/// </summary>
[GenerateSerializer]
public sealed class ExplorerCatalogState
{
    /// <summary>Before per-Datanet grains: every Datanet's entry. Moved on activation, then empty.</summary>
    [Id(0)] public List<DatanetCatalogEntry> Datanets { get; set; } = [];
    /// <summary>Before per-model grains: every model's entry. Moved on activation, then empty.</summary>
    [Id(1)] public List<ModelCatalogEntry> Models { get; set; } = [];
    /// <summary>Before leaderboard buckets: every paid account's standing. Moved on activation, then empty.</summary>
    [Id(2)] public List<StoredStanding> Standings { get; set; } = [];
    /// <summary>The highest sequence number given to an inference (all below it are taken even if a crash lost them).</summary>
    [Id(3)] public long LastSequence { get; set; }
    [Id(4)] public long FeesCharged { get; set; }
    /// <summary>Before sequence-numbered earnings: the number of the last flush batch sent to account grains (kept as stored).</summary>
    [Id(5)] public long LastEarningsBatch { get; set; }
    /// <summary>Datanet ids committed in the directory pages (<see cref="IExplorerDirectoryPageGrain"/>), in the order first seen.</summary>
    [Id(6)] public int DatanetCount { get; set; }
    /// <summary>Where the pages of recorded inference ids are (<see cref="RecordedIdPages"/>, under 16 KiB), in this entity so
    /// an inference's counts and its id are stored by one write: a repeat is never counted twice, nor a record half-kept.</summary>
    [Id(8)] public RecordedIdIndex RecordedIds { get; set; } = new();
    [Id(9)] public long IdPagesSequence { get; set; }
    /// <summary>Model ids committed in the model directory pages, in the order first seen.</summary>
    [Id(10)] public int ModelCount { get; set; }
    /// <summary>The counts owed to the models' entries (<see cref="Domain.Explorer.ModelCountsOutbox"/>): sealed batches, then
    /// what accumulated since, and the number of the newest batch.</summary>
    [Id(11)] public List<StoredModelCountBatch> OwedModelBatches { get; set; } = [];
    [Id(12)] public List<StoredModelCountDelta> OwedModelCounts { get; set; } = [];
    [Id(13)] public long ModelBatchNumber { get; set; }
    /// <summary>The newest page of the event log (<see cref="IExplorerEventPageGrain"/>) this state commits: the events of
    /// the pages after <see cref="FlushedThroughPage"/> up to it are replayed on activation.</summary>
    [Id(14)] public long LastEventPage { get; set; }
    /// <summary>Every event of the pages up to this one is in the feed pages, the leaderboard buckets and the earnings histories.</summary>
    [Id(15)] public long FlushedThroughPage { get; set; }
}

[GenerateSerializer, Immutable]
public sealed record StoredModelCountDelta(
    [property: Id(0)] string ModelId,
    [property: Id(1)] long Inferences,
    [property: Id(2)] long Fees);

[GenerateSerializer, Immutable]
public sealed record StoredModelCountBatch(
    [property: Id(0)] long Number,
    [property: Id(1)] List<StoredModelCountDelta> Deltas);

/// <summary>The catalog's staged filter of recorded inference ids (<see cref="Domain.Explorer.RecordedIdFilter"/>), kept in its
/// own entity so the catalog's state stays small; written with the catalog's flush when inferences arrived: the stage being
/// filled (≤ 65,536 ids, under 512 KiB) and the artifact keys of the sealed stages (one per 65,536 ids, each stored once).
/// A hint for the explorer's pages only: which inferences count is decided exactly by <see cref="ExplorerCatalogState.RecordedIds"/>.</summary>
[GenerateSerializer]
public sealed class RecordedInferencesState
{
    /// <summary>The stage being filled (or, in a state written before stages, the single legacy filter).</summary>
    [Id(0)] public byte[] Filter { get; set; } = [];

    /// <summary>The sealed stages' artifact keys, oldest first.</summary>
    [Id(1)] public List<string> SealedStages { get; set; } = [];
}

[GenerateSerializer, Immutable]
public sealed record StoredStanding(
    [property: Id(0)] string Account,
    [property: Id(1)] string Role,
    [property: Id(2)] long Earned,
    [property: Id(3)] long Payments);
