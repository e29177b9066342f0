namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>A shard's rows [FirstRow, FirstRow + Rows), the bytes they occupy in memory, and the silo holding them.</summary>
[GenerateSerializer, Immutable, Alias("openledger.attribution-shard-info")]
public sealed record AttributionShardInfo(
    [property: Id(0)] int FirstRow,
    [property: Id(1)] int Rows,
    [property: Id(2)] long Bytes,
    [property: Id(3)] string Silo);
