using OpenLedger.Actors.Abstractions.Attribution;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>An attribution grain's durable totals: per row, and the inferences they include (so a replayed
/// inference is never counted twice, before or after a restart).</summary>
[GenerateSerializer]
public sealed class AttributionState
{
    [Id(0)] public List<ContributionTotal> Totals { get; set; } = [];
    [Id(1)] public List<string> RecordedInferences { get; set; } = [];
}
