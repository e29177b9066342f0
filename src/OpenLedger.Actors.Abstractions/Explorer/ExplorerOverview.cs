namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>The catalog's headline figures and its lists of Datanets and models.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.overview")]
public sealed record ExplorerOverview(
    [property: Id(0)] long InferenceCount,
    [property: Id(1)] long FeesCharged,
    [property: Id(2)] int PaidAccounts,
    [property: Id(3)] IReadOnlyList<DatanetCatalogEntry> Datanets,
    [property: Id(4)] IReadOnlyList<ModelCatalogEntry> Models);
