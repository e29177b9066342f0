using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>A Datanet as the explorer shows it: its public info (metadata, counts, versions) and per-contributor
/// acceptance (at most the 256 contributors with the most approved rows, so the entry stays bounded), as of the
/// Datanet's latest change.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.datanet")]
public sealed record DatanetCatalogEntry(
    [property: Id(0)] DatanetInfo Info,
    [property: Id(1)] IReadOnlyList<ContributorAcceptance> Contributors)
{
    /// <summary>How many contributors the Datanet has in all (<see cref="Contributors"/> may list fewer).</summary>
    [Id(2)] public int ContributorCount { get; init; }
}
