namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Merges the top-k lists of disjoint row shards into the top-k of all rows. Exact: a row in the global top-k
/// ranks among the top k of its own shard, so it is in that shard's list. The order is
/// <see cref="TopKSelector.Compare"/> — higher score first, equal scores by lower (global) row index — so the
/// result does not depend on how the rows were cut or in which order the shards answered.
/// </summary>
public static class ShardedTopKMerge
{
    public static IReadOnlyList<RowInfluence> Merge(IEnumerable<IReadOnlyList<RowInfluence>> shardTops, int topK)
    {
        ArgumentNullException.ThrowIfNull(shardTops);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        var selector = new TopKSelector(topK);
        var seen = new HashSet<int>();
        foreach (var top in shardTops)
        {
            ArgumentNullException.ThrowIfNull(top, nameof(shardTops));
            foreach (var row in top)
            {
                if (!seen.Add(row.RowIndex)) throw new ArgumentException($"Row {row.RowIndex} was reported by more than one shard.", nameof(shardTops));
                selector.Offer(row.RowIndex, row.Score);
            }
        }
        return selector.ToSortedList();
    }
}
