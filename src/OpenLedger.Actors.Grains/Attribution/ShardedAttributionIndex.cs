using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// An influence index whose rows live in <see cref="IAttributionShardGrain"/>s across the cluster: each shard's
/// rows are stored once as an artifact (content-addressed, so deploying again is a no-op), the shard grains are
/// activated up front, and <see cref="Index"/> prepares queries locally and fans each batch out to all shards.
/// </summary>
public sealed class ShardedAttributionIndex
{
    private ShardedAttributionIndex(ShardedInfluenceIndex index, IReadOnlyList<string> shardKeys, IReadOnlyList<AttributionShardInfo> shards)
    {
        Index = index;
        ShardKeys = shardKeys;
        Shards = shards;
    }

    public ShardedInfluenceIndex Index { get; }

    /// <summary>The shard grains' keys (<see cref="AttributionShardKey"/>), in row order.</summary>
    public IReadOnlyList<string> ShardKeys { get; }

    /// <summary>The shards as they reported on activation (rows, bytes, silo).</summary>
    public IReadOnlyList<AttributionShardInfo> Shards { get; }

    public static async Task<ShardedAttributionIndex> DeployAsync(InfluenceShardSet set, IArtifactStore artifacts, IGrainFactory grains,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(grains);
        var keys = new string[set.Shards.Count];
        var offset = 0;
        for (var s = 0; s < keys.Length; s++)
        {
            var artifactKey = await artifacts.PutAsync(InfluenceShardArtifact.Encode(set.Shards[s]), cancellationToken); // one encoded shard in memory at a time
            if (s == 0) offset = (int)(Convert.ToUInt32(artifactKey[..8], 16) % 1_000_003); // models start on different silos
            keys[s] = new AttributionShardKey(offset + s, artifactKey).ToString();
        }
        var shardGrains = keys.Select(key => grains.GetGrain<IAttributionShardGrain>(key)).ToArray();
        var infos = await Task.WhenAll(shardGrains.Select(ActivateAsync));
        for (var s = 0; s < infos.Length; s++)
        {
            if (infos[s].FirstRow != set.Shards[s].FirstRow || infos[s].Rows != set.Shards[s].Rows)
                throw new InvalidOperationException($"Shard {s} holds rows [{infos[s].FirstRow}, +{infos[s].Rows}), expected [{set.Shards[s].FirstRow}, +{set.Shards[s].Rows}).");
        }
        var index = new ShardedInfluenceIndex(set.Solver, keys.Length, async (shard, vectors, topK) =>
        {
            var tops = await shardGrains[shard].ScanAsync(new ShardScanRequest(vectors as double[][] ?? vectors.ToArray(), topK));
            return tops.Select(t => (IReadOnlyList<RowInfluence>)t.RowIndices.Select((row, i) => new RowInfluence(row, t.Scores[i])).ToArray()).ToArray();
        });
        return new ShardedAttributionIndex(index, keys, infos);
    }

    /// <summary>
    /// Activates a shard (it loads its rows from the artifact store). A large shard on a busy silo can take
    /// longer than a grain call's response timeout; the activation carries on regardless, so ask again.
    /// </summary>
    private static async Task<AttributionShardInfo> ActivateAsync(IAttributionShardGrain shard)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await shard.GetInfoAsync();
            }
            catch (TimeoutException) when (attempt < ActivationAttempts)
            {
            }
        }
    }

    private const int ActivationAttempts = 4;
}
