namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// An attribution grain's durable state: the key of its latest totals snapshot in the artifact store. The
/// snapshot (per-row totals and the inferences they include, so a replayed inference is never counted twice)
/// grows with the Datanet and with traffic, so it lives in blob storage, not in the ~1 MiB table entity.
/// </summary>
[GenerateSerializer]
public sealed class AttributionState
{
    [Id(0)] public string? TotalsSnapshotKey { get; set; }
    [Id(1)] public long RecordedInferenceCount { get; set; }
}
