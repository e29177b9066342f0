using OpenLedger.Actors.Abstractions.Contributors;

namespace OpenLedger.Actors.Grains.Contributors;

/// <summary>A contributor's profile and submissions (row-id ranges, so the state stays small).</summary>
[GenerateSerializer]
public sealed class ContributorState
{
    [Id(0)] public string? DisplayName { get; set; }
    [Id(1)] public List<ContributedRows> Contributions { get; set; } = [];
}
