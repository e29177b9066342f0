using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>A Datanet as the explorer shows it: its public info (metadata, counts, versions) and per-contributor
/// acceptance, as of the Datanet's latest change.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.datanet")]
public sealed record DatanetCatalogEntry(
    [property: Id(0)] DatanetInfo Info,
    [property: Id(1)] IReadOnlyList<ContributorAcceptance> Contributors);
