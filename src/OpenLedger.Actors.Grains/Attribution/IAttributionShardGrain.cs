namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// One row shard of a model's exact influence index, keyed by the artifact key of its rows
/// (<see cref="Storage.InfluenceShardArtifact"/>): the key alone says what the shard holds, so any silo can
/// activate it from the artifact store, and identical rows are one grain. Silo-internal: the attribution grain
/// fans scans out to its shards and merges their answers.
/// </summary>
[Alias("openledger.IAttributionShardGrain")]
public interface IAttributionShardGrain : IGrainWithStringKey
{
    /// <summary>Each query's top-k rows of this shard by positive influence (global row indices); reads only.</summary>
    [Alias("scan")] Task<IReadOnlyList<ShardTopRows>> ScanAsync(ShardScanRequest request);

    /// <summary>What the shard holds and where it runs.</summary>
    [Alias("info")] Task<AttributionShardInfo> GetInfoAsync();
}
