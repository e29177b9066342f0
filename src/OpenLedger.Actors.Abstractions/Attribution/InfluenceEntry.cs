namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// One training contribution's influence on one inference: <paramref name="Score"/> as DESIGN.md defines it,
/// and <paramref name="Weight"/> its share of the receipt's total positive influence.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.influence")]
public sealed record InfluenceEntry(
    [property: Id(0)] long RowId,
    [property: Id(1)] string Contributor,
    [property: Id(2)] string ContentHash,
    [property: Id(3)] double Score,
    [property: Id(4)] double Weight);
