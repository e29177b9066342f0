namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>
/// The Datanets and models whose ids contain <paramref name="Query"/> (ignoring case), in id order: the first
/// <c>limit</c> of each, and how many match in all.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.search-result")]
public sealed record ExplorerSearchResult(
    [property: Id(0)] string Query,
    [property: Id(1)] int DatanetMatches,
    [property: Id(2)] IReadOnlyList<DatanetCatalogEntry> Datanets,
    [property: Id(3)] int ModelMatches,
    [property: Id(4)] IReadOnlyList<ModelCatalogEntry> Models)
{
    /// <summary>The longest query searched for.</summary>
    public const int MaxQueryLength = 100;
}
