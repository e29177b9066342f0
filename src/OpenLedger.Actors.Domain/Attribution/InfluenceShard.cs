using OpenLedger.Actors.Domain.Attribution.Scan;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// A contiguous range of an influence index's training rows — [<see cref="FirstRow"/>, FirstRow + Rows) — in
/// the scan layout, able to return each query's top-k rows among its own. Scores depend only on the row and
/// the query's scan vector (the kernel computes every row in its own lane, in a fixed order), so a row scores
/// the same bits whichever shard holds it; that is what makes a merge of shard top-k lists exact
/// (<see cref="ShardedTopKMerge"/>). Row indices in results are global (training order).
/// </summary>
public sealed class InfluenceShard
{
    /// <summary>Blocks of 16 rows scanned per chunk (32,768 rows), so the score buffer stays bounded whatever the row count.</summary>
    public const int ChunkBlocks = 2_048;

    public InfluenceShard(int firstRow, ScanMatrix rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(firstRow);
        Matrix = rows ?? throw new ArgumentNullException(nameof(rows));
        FirstRow = firstRow;
    }

    public int FirstRow { get; }
    public ScanMatrix Matrix { get; }
    public int Rows => Matrix.Rows;

    /// <summary>Bytes the shard's rows occupy (design values and residuals).</summary>
    public long Bytes => Matrix.Bytes;

    /// <summary>Workers a scan may use (default: all cores).</summary>
    public int MaxDegreeOfParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// For each scan vector (C×D, see <see cref="PreparedQuery.ScanVector"/>), the shard's top-k rows by positive
    /// influence, highest first, ties to the lower row index (global indices). One pass over the rows serves all
    /// queries.
    /// </summary>
    public IReadOnlyList<RowInfluence>[] TopK(IReadOnlyList<double[]> scanVectors, int topK)
    {
        ArgumentNullException.ThrowIfNull(scanVectors);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        if (scanVectors.Count == 0) return [];
        var panel = new ScanQueryPanel(scanVectors, Matrix.Classes, Matrix.Width);
        var selectors = scanVectors.Select(_ => new TopKSelector(topK)).ToArray();
        var chunkBlocks = Math.Min(ChunkBlocks, Math.Max(1, Matrix.BlockCount));
        var scores = new float[scanVectors.Count * InfluenceScanKernel.ChunkRows(Matrix, 0, chunkBlocks)];
        for (var firstBlock = 0; firstBlock < Matrix.BlockCount; firstBlock += chunkBlocks)
        {
            var blocks = Math.Min(chunkBlocks, Matrix.BlockCount - firstBlock);
            var rows = InfluenceScanKernel.ChunkRows(Matrix, firstBlock, blocks);
            InfluenceScanKernel.ScoreBlocksParallel(Matrix, panel, firstBlock, blocks, scores, MaxDegreeOfParallelism);
            var chunkFirstRow = FirstRow + firstBlock * InfluenceScanKernel.BlockRows;
            for (var b = 0; b < scanVectors.Count; b++)
            {
                var chunk = scores.AsSpan(b * rows, rows);
                for (var i = 0; i < chunk.Length; i++) selectors[b].Offer(chunkFirstRow + i, chunk[i]);
            }
        }
        return selectors.Select(s => s.ToSortedList()).ToArray();
    }
}
