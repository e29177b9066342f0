namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>
/// The rules of a Datanet's rejection record: an append-only log of numbered entries (0, 1, 2, …) stored
/// <c>pageSize</c> to a page. A rejecting review becomes one entry per contributor touched (its rows in id order),
/// split so no entry holds more than <c>maxRowsPerEntry</c> rows — an entry's size is bounded whatever the review.
/// Read newest first: a page of entries below a sequence number (the cursor), so appends never shift a page already read.
/// </summary>
public static class RejectionLog
{
    /// <summary>The rows of one review grouped per contributor (first appearance order), each group cut into runs of at most <paramref name="maxRowsPerEntry"/>.</summary>
    public static IReadOnlyList<(string Contributor, long[] RowIds)> Entries(IEnumerable<(long RowId, string Contributor)> rows, int maxRowsPerEntry)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRowsPerEntry, 1);
        var groups = new List<(string Contributor, List<long> Rows)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (rowId, contributor) in rows)
        {
            if (!index.TryGetValue(contributor, out var i))
            {
                index[contributor] = i = groups.Count;
                groups.Add((contributor, []));
            }
            groups[i].Rows.Add(rowId);
        }
        return groups.SelectMany(g => g.Rows.Order().Distinct().Chunk(maxRowsPerEntry).Select(chunk => (g.Contributor, chunk))).ToList();
    }

    /// <summary>Sorted distinct row ids as runs of consecutive ids (<c>3, 5–7</c> as a person reads them).</summary>
    public static IReadOnlyList<(long First, long Last)> Runs(IEnumerable<long> rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var runs = new List<(long First, long Last)>();
        foreach (var id in rowIds.Order().Distinct())
        {
            if (runs.Count > 0 && runs[^1].Last == id - 1) runs[^1] = (runs[^1].First, id);
            else runs.Add((id, id));
        }
        return runs;
    }

    /// <summary>The page and slot of entry <paramref name="sequence"/>.</summary>
    public static (int Page, int Slot) Locate(long sequence, int pageSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(sequence);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return (checked((int)(sequence / pageSize)), (int)(sequence % pageSize));
    }

    /// <summary>
    /// The sequence numbers of a newest-first page: at most <paramref name="limit"/> entries, each below
    /// <paramref name="before"/> (null: from the newest) and below <paramref name="count"/>, newest first.
    /// </summary>
    public static IReadOnlyList<long> NewestFirst(long count, long? before, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var top = Math.Min(count, Math.Max(0, before ?? count)); // exclusive
        var take = (int)Math.Min(limit, top);
        var sequences = new long[take];
        for (var i = 0; i < take; i++) sequences[i] = top - 1 - i;
        return sequences;
    }
}
