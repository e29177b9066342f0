namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>Influence accumulated by one training row over the inferences recorded so far.</summary>
public readonly record struct RowTotal(long RowId, string Contributor, double Total, int Count);

/// <summary>
/// Per-contribution influence totals over committed inferences: each inference's receipt entries are added
/// once (a repeated inference id changes nothing), so the totals always equal the sum of the distinct
/// receipts recorded. Tracks whether anything changed since the last <see cref="MarkSaved"/>.
/// </summary>
public sealed class InfluenceTotals
{
    private readonly Dictionary<long, RowTotal> _rows = [];
    private readonly HashSet<string> _inferences = new(StringComparer.Ordinal);

    /// <summary>Version of the content; bumps on every change.</summary>
    public long Version { get; private set; }

    /// <summary>The version last written to storage.</summary>
    public long SavedVersion { get; private set; }

    public bool HasUnsavedChanges => Version != SavedVersion;
    public int RowCount => _rows.Count;
    public int InferenceCount => _inferences.Count;

    /// <summary>Adds one inference's influences; false (and no change) if that inference was already recorded.</summary>
    public bool Record(string inferenceId, IEnumerable<(long RowId, string Contributor, double Score)> influences)
    {
        ArgumentException.ThrowIfNullOrEmpty(inferenceId);
        ArgumentNullException.ThrowIfNull(influences);
        var entries = influences.ToList();
        foreach (var entry in entries)
        {
            if (!double.IsFinite(entry.Score)) throw new ArgumentException($"Row {entry.RowId}: the score is not finite.", nameof(influences));
        }
        if (!_inferences.Add(inferenceId)) return false;
        foreach (var (rowId, contributor, score) in entries)
        {
            var current = _rows.GetValueOrDefault(rowId, new RowTotal(rowId, contributor, 0, 0));
            _rows[rowId] = current with { Total = current.Total + score, Count = current.Count + 1 };
        }
        Version++;
        return true;
    }

    /// <summary>The rows with the highest totals (ties: lower row id first).</summary>
    public IReadOnlyList<RowTotal> Top(int count) =>
        _rows.Values.OrderByDescending(r => r.Total).ThenBy(r => r.RowId).Take(count).ToList();

    /// <summary>A copy of the content for storage, with the version it reflects.</summary>
    public (IReadOnlyList<RowTotal> Rows, IReadOnlyList<string> Inferences, long Version) Snapshot() =>
        (_rows.Values.OrderBy(r => r.RowId).ToList(), _inferences.Order(StringComparer.Ordinal).ToList(), Version);

    /// <summary>Records that the snapshot taken at <paramref name="version"/> is durable.</summary>
    public void MarkSaved(long version) => SavedVersion = Math.Max(SavedVersion, version);

    /// <summary>Rebuilds totals from storage (a clean state: nothing unsaved).</summary>
    public static InfluenceTotals Restore(IEnumerable<RowTotal> rows, IEnumerable<string> inferences)
    {
        var totals = new InfluenceTotals();
        foreach (var row in rows) totals._rows[row.RowId] = row;
        foreach (var id in inferences) totals._inferences.Add(id);
        return totals;
    }
}
