namespace OpenLedger.Actors.Domain.Ledger.Partitions;

/// <summary>
/// The statement of an account held everywhere (<c>external:…</c>) over several partitions: each partition keeps its own
/// copy with its own line numbers, and the merged statement is partition 0's copy, then partition 1's, and so on. A
/// merged line number names both: <c>partition × 2⁴⁰ + the copy's line</c> (a copy's lines stay far below 2⁴⁰), so the
/// usual <c>afterLine</c> cursor — the last line a caller saw — says where to go on, and partition 0's line numbers
/// are unchanged. With one partition the statement is the account's only copy and numbers are not touched.
/// </summary>
public static class MergedStatementCursor
{
    public const int LineBits = 40;

    private const long LineMask = (1L << LineBits) - 1;

    /// <summary>The merged line number of <paramref name="line"/> in <paramref name="partition"/>'s copy.</summary>
    public static long Compose(int partition, long line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(partition);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(partition, PartitionMap.MaxPartitions);
        if (line < 0 || line > LineMask) throw new ArgumentOutOfRangeException(nameof(line), line, $"A copy's line number lies in [0, 2^{LineBits}).");
        return ((long)partition << LineBits) | line;
    }

    /// <summary>The partition and the copy's line a merged <c>afterLine</c> names (0 = from the start of partition 0's copy).</summary>
    public static (int Partition, long Line) Split(long afterLine, int partitions)
    {
        if (afterLine < 0) throw new ArgumentOutOfRangeException(nameof(afterLine), afterLine, "A statement cursor is not negative.");
        var partition = afterLine >> LineBits;
        if (partition >= partitions) throw new ArgumentOutOfRangeException(nameof(afterLine), afterLine, $"The cursor names partition {partition}; the ledger has {partitions}.");
        return ((int)partition, afterLine & LineMask);
    }
}
