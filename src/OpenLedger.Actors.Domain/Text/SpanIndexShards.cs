namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// Splits a corpus into independent <see cref="SuffixArrayIndex"/> shards of at most a given number of stream tokens
/// (documents in order, never split: a document larger than the limit is a shard of its own). A span query over the
/// shards (<see cref="SpanTracer"/>) merges exactly: the longest match is the longest of the shards', counts add up,
/// row lists unite (every row lives in one shard). So a shard set answers as one index over all documents would.
/// </summary>
public static class SpanIndexShards
{
    public static IReadOnlyList<SuffixArrayIndex> Build(IReadOnlyList<IndexedDocument> documents, int maxStreamTokensPerShard) =>
        Partition(documents, maxStreamTokensPerShard).Select(SuffixArrayIndex.Build).ToList();

    /// <summary>The documents of each shard, in order (at least one shard, possibly empty), so a job can build them one at a time.</summary>
    public static IReadOnlyList<IReadOnlyList<IndexedDocument>> Partition(IReadOnlyList<IndexedDocument> documents, int maxStreamTokensPerShard)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxStreamTokensPerShard, 2);
        var rows = new HashSet<long>();
        foreach (var document in documents)
        {
            if (!rows.Add(document.RowId)) throw new ArgumentException($"Row {document.RowId} appears twice.", nameof(documents));
        }
        var shards = new List<IReadOnlyList<IndexedDocument>>();
        var current = new List<IndexedDocument>();
        long tokens = 0;
        foreach (var document in documents)
        {
            var size = document.Tokens.Length + 1L;
            if (current.Count > 0 && tokens + size > maxStreamTokensPerShard)
            {
                shards.Add(current);
                current = [];
                tokens = 0;
            }
            current.Add(document);
            tokens += size;
        }
        if (current.Count > 0 || shards.Count == 0) shards.Add(current);
        return shards;
    }
}
