using OpenLedger.Actors.Abstractions.Contributors;

namespace OpenLedger.Actors.Grains.Contributors;

[GenerateSerializer]
public sealed class ContributorState
{
    [Id(0)] public string? DisplayName { get; set; }
    [Id(1)] public List<ContributionRef> Contributions { get; set; } = [];
}
