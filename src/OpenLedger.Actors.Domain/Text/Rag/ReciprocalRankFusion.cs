namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// Reciprocal rank fusion (Cormack, Clarke and Büttcher, 2009): a document's fused score is Σ over the rankings that list
/// it of 1 / (k + rank), rank counted from 1; a ranking that does not list it adds nothing. Only ranks matter, so scores
/// on different scales (BM25, cosine) combine without calibration; k (60 by default) damps the head of each list.
/// Sums run in the rankings' order; the result is ordered by fused score, then row id.
/// </summary>
public static class ReciprocalRankFusion
{
    public const int DefaultK = 60;

    public static IReadOnlyList<ScoredDocument> Fuse(IReadOnlyList<IReadOnlyList<ScoredDocument>> rankings, int k = DefaultK)
    {
        ArgumentNullException.ThrowIfNull(rankings);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var fused = new Dictionary<long, double>();
        var order = new List<long>();
        foreach (var ranking in rankings)
        {
            var listed = new HashSet<long>();
            for (var r = 0; r < ranking.Count; r++)
            {
                var row = ranking[r].RowId;
                if (!listed.Add(row)) throw new ArgumentException($"Row {row} appears twice in one ranking.", nameof(rankings));
                if (!fused.TryGetValue(row, out var score)) order.Add(row);
                fused[row] = score + 1.0 / (k + r + 1);
            }
        }
        var result = order.Select(row => new ScoredDocument(row, fused[row])).ToList();
        result.Sort(Ranking.Compare);
        return result;
    }
}
