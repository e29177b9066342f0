namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>Scans shard <c>shard</c> for a batch of scan vectors and returns each query's top-k rows (global indices).</summary>
public delegate Task<IReadOnlyList<RowInfluence>[]> ShardScan(int shard, IReadOnlyList<double[]> scanVectors, int topK);

/// <summary>
/// Exact influence over rows held in shards, wherever they live: the queries are prepared here (one Hessian
/// solve each), the batch of scan vectors goes to every shard at once, and each query's shard top-k lists are
/// merged by <see cref="ShardedTopKMerge"/>. The result equals the unsharded <see cref="InfluenceIndex"/>'s for
/// the same rows. In the silo the shards are grains (the scan delegate calls them); <see cref="Local"/> scans
/// in-process shards in parallel.
/// </summary>
public sealed class ShardedInfluenceIndex : IInfluenceScanner
{
    private readonly ShardScan _scan;

    public ShardedInfluenceIndex(InfluenceQuerySolver solver, int shardCount, ShardScan scan)
    {
        Solver = solver ?? throw new ArgumentNullException(nameof(solver));
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ShardCount = shardCount;
        _scan = scan ?? throw new ArgumentNullException(nameof(scan));
    }

    public InfluenceQuerySolver Solver { get; }
    public int ShardCount { get; }
    public int RowCount => Solver.RowCount;

    /// <summary>Shards held in this process, each scanned on the thread pool, all at once.</summary>
    public static ShardedInfluenceIndex Local(InfluenceShardSet set)
    {
        ArgumentNullException.ThrowIfNull(set);
        return new ShardedInfluenceIndex(set.Solver, set.Shards.Count,
            (shard, vectors, topK) => Task.Run(() => set.Shards[shard].TopK(vectors, topK)));
    }

    public PreparedQuery Prepare(ReadOnlySpan<double> features, int? label) => Solver.Prepare(features, label);

    public async Task<IReadOnlyList<QueryAttribution>> AttributePreparedAsync(IReadOnlyList<PreparedQuery> prepared, int topK)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (prepared.Count == 0) return [];
        var vectors = prepared.Select(q => q.ScanVector).ToArray();
        var perShard = await Task.WhenAll(Enumerable.Range(0, ShardCount).Select(s => _scan(s, vectors, topK)));
        var results = new QueryAttribution[prepared.Count];
        for (var b = 0; b < prepared.Count; b++)
        {
            var query = prepared[b];
            var merged = ShardedTopKMerge.Merge(perShard.Select((lists, s) =>
                lists.Length == prepared.Count ? lists[b] : throw new InvalidOperationException($"Shard {s} answered {lists.Length} of {prepared.Count} queries.")), topK);
            results[b] = new QueryAttribution(query.Probabilities, query.PredictedClass, query.LossLabel, query.Loss, merged);
        }
        return results;
    }
}
