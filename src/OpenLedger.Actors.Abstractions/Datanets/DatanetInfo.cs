namespace OpenLedger.Actors.Abstractions.Datanets;

[GenerateSerializer, Immutable, Alias("openledger.datanet-info")]
public sealed record DatanetInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Owner,
    [property: Id(2)] DatanetMetadata Metadata,
    [property: Id(3)] IReadOnlyList<string> Curators,
    [property: Id(4)] int PendingCount,
    [property: Id(5)] int ApprovedCount,
    [property: Id(6)] int RejectedCount,
    [property: Id(7)] IReadOnlyList<DatanetVersionInfo> Versions,
    [property: Id(8)] DateTimeOffset CreatedAt);
