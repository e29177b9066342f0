namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>
/// An immutable published version: the exact approved rows at publication, stored as a content-addressed
/// artifact whose key is <paramref name="ArtifactKey"/> (a SHA-256 of its bytes).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.datanet-version")]
public sealed record DatanetVersionInfo(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] int Version,
    [property: Id(2)] int RowCount,
    [property: Id(3)] string ArtifactKey,
    [property: Id(4)] DateTimeOffset PublishedAt);
