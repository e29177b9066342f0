namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>A batch of prepared queries' scan vectors (each C×D, S = (1/N)·H⁻¹∇ℓ(q)) and how many top rows to return per query.</summary>
[GenerateSerializer, Immutable, Alias("openledger.shard-scan-request")]
public sealed record ShardScanRequest(
    [property: Id(0)] double[][] ScanVectors,
    [property: Id(1)] int TopK);
