namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>The catalog's headline figures and one page of its Datanets and one of its models (ordered by id); the
/// totals tell how many there are in all.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.overview")]
public sealed record ExplorerOverview(
    [property: Id(0)] long InferenceCount,
    [property: Id(1)] long FeesCharged,
    [property: Id(2)] int PaidAccounts,
    [property: Id(3)] IReadOnlyList<DatanetCatalogEntry> Datanets,
    [property: Id(4)] IReadOnlyList<ModelCatalogEntry> Models,
    [property: Id(5)] int DatanetCount,
    [property: Id(6)] int ModelCount);
