namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>The one ordering every retrieval list uses: score descending, then row id ascending (deterministic ties).</summary>
internal static class Ranking
{
    public static IReadOnlyList<ScoredDocument> Top(ReadOnlySpan<long> rowIds, ReadOnlySpan<double> scores, int top, bool positiveOnly)
    {
        var all = new List<ScoredDocument>(rowIds.Length);
        for (var d = 0; d < rowIds.Length; d++)
        {
            if (double.IsNaN(scores[d])) throw new ArgumentException($"The score of row {rowIds[d]} is not a number.", nameof(scores));
            if (!positiveOnly || scores[d] > 0) all.Add(new ScoredDocument(rowIds[d], scores[d]));
        }
        all.Sort(Compare);
        if (all.Count > top) all.RemoveRange(top, all.Count - top);
        return all;
    }

    public static int Compare(ScoredDocument x, ScoredDocument y)
    {
        var byScore = y.Score.CompareTo(x.Score);
        return byScore != 0 ? byScore : x.RowId.CompareTo(y.RowId);
    }
}
