namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// One row shard of a model's exact influence index, keyed by <see cref="AttributionShardKey"/>: its placement
/// slot and the artifact key of its rows (<see cref="Storage.InfluenceShardArtifact"/>), so the key alone says
/// what the shard holds and any silo can activate it from the artifact store. Silo-internal: the attribution grain
/// fans scans out to its shards and merges their answers.
/// </summary>
[Alias("openledger.IAttributionShardGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IAttributionShardGrain : IGrainWithStringKey
{
    /// <summary>Each query's top-k rows of this shard by positive influence (global row indices); reads only.</summary>
    [Alias("scan")] Task<IReadOnlyList<ShardTopRows>> ScanAsync(ShardScanRequest request);

    /// <summary>What the shard holds and where it runs.</summary>
    [Alias("info")] Task<AttributionShardInfo> GetInfoAsync();
}
