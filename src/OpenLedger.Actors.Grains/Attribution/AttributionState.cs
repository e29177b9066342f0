using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// An attribution grain's durable state: where its totals are (<see cref="AttributionTotalsLog"/>) — the compacted
/// base page, the delta pages written since (at most <see cref="AttributionOptions.MaxTotalsDeltas"/>), and the index of
/// the recorded inference ids' pages. The pages live in the artifact store; this entity stays small: ≈ 100 bytes per
/// delta (≤ 32) plus the id index (<see cref="RecordedIdIndex"/>, under 16 KiB) — budget 24 KiB.
/// </summary>
[GenerateSerializer]
public sealed class AttributionState
{
    [Id(0)] public string? BaseKey { get; set; }
    [Id(1)] public long RecordedInferenceCount { get; set; }
    [Id(2)] public List<string> DeltaKeys { get; set; } = [];
    [Id(3)] public RecordedIdIndex RecordedIds { get; set; } = new();
    /// <summary>The last write's number (every page carries the number of the write that made it).</summary>
    [Id(4)] public long Sequence { get; set; }
    [Id(5)] public long BaseBytes { get; set; }
    /// <summary>The deltas' bytes together: when they reach the base's, the next write compacts.</summary>
    [Id(6)] public long DeltaBytes { get; set; }
}
