namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>Influence accumulated by one training row over the inferences recorded so far.</summary>
public readonly record struct RowTotal(long RowId, string Contributor, double Total, int Count);

/// <summary>
/// Per-contribution influence totals: the sum of the receipt entries added so far. Which inferences were added (so a
/// replay is never counted twice) is the caller's concern (the attribution grain's recorded-id pages). Tracks the rows
/// changed since they were last taken for storage, so a write stores only those (a delta), never every row.
/// </summary>
public sealed class InfluenceTotals
{
    private readonly Dictionary<long, RowTotal> _rows = [];
    private HashSet<long> _changed = [];

    public bool HasUnsavedChanges => _changed.Count > 0;
    public int RowCount => _rows.Count;

    /// <summary>Adds one inference's influences. Every score is checked first: a bad entry changes nothing.</summary>
    public void Add(IEnumerable<(long RowId, string Contributor, double Score)> influences)
    {
        var entries = Validate(influences);
        foreach (var (rowId, contributor, score) in entries)
        {
            var current = _rows.GetValueOrDefault(rowId, new RowTotal(rowId, contributor, 0, 0));
            _rows[rowId] = current with { Total = current.Total + score, Count = current.Count + 1 };
            _changed.Add(rowId);
        }
    }

    /// <summary>Throws <see cref="ArgumentException"/> unless every score is finite; answers the entries as a list.</summary>
    public static IReadOnlyList<(long RowId, string Contributor, double Score)> Validate(IEnumerable<(long RowId, string Contributor, double Score)> influences)
    {
        ArgumentNullException.ThrowIfNull(influences);
        var entries = influences.ToList();
        foreach (var entry in entries)
        {
            if (!double.IsFinite(entry.Score)) throw new ArgumentException($"Row {entry.RowId}: the score is not finite.", nameof(influences));
        }
        return entries;
    }

    /// <summary>The rows with the highest totals (ties: lower row id first).</summary>
    public IReadOnlyList<RowTotal> Top(int count) =>
        _rows.Values.OrderByDescending(r => r.Total).ThenBy(r => r.RowId).Take(count).ToList();

    /// <summary>Every row, by row id (a compacted base).</summary>
    public IReadOnlyList<RowTotal> All() => _rows.Values.OrderBy(r => r.RowId).ToList();

    /// <summary>The current values of the rows changed since the last take (a delta), by row id; they count as saved from now.</summary>
    public IReadOnlyList<RowTotal> TakeChanges()
    {
        var changed = _changed;
        _changed = [];
        return changed.Order().Select(id => _rows[id]).ToList();
    }

    /// <summary>Marks rows taken by <see cref="TakeChanges"/> as unsaved again (their write failed).</summary>
    public void ReturnChanges(IEnumerable<RowTotal> rows)
    {
        foreach (var row in rows) _changed.Add(row.RowId);
    }

    /// <summary>Overlays stored rows (a base, then each delta in order): a later value of a row replaces an earlier one.</summary>
    public void Load(IEnumerable<RowTotal> rows)
    {
        foreach (var row in rows) _rows[row.RowId] = row;
    }
}
