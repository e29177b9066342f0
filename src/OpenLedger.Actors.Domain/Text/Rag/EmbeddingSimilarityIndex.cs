namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// Dense retrieval: each document's sentence embedding (<see cref="ITextEmbedder"/>, through
/// <see cref="TextEmbeddingFeatures"/>, so a document is embedded exactly as a query of the same text), scaled to unit
/// length; a query's score for a document is the cosine of their embeddings, summed in dimension order.
/// Immutable and thread-safe once built.
/// </summary>
public sealed class EmbeddingSimilarityIndex
{
    private readonly long[] _rowIds;
    private readonly double[] _unitRows;

    private EmbeddingSimilarityIndex(ITextEmbedder embedder, long[] rowIds, double[] unitRows)
    {
        Embedder = embedder;
        _rowIds = rowIds;
        _unitRows = unitRows;
    }

    public ITextEmbedder Embedder { get; }

    public int DocumentCount => _rowIds.Length;

    public static EmbeddingSimilarityIndex Build(ITextEmbedder embedder, IReadOnlyList<RetrievalDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(documents);
        if (documents.Select(d => d.RowId).Distinct().Count() != documents.Count) throw new ArgumentException("Row ids must be distinct.", nameof(documents));
        var rows = TextEmbeddingFeatures.Of(embedder, documents.Select(d => d.Text).ToList());
        var dimension = embedder.Dimension;
        for (var d = 0; d < documents.Count; d++) ScaleToUnit(rows.AsSpan(d * dimension, dimension));
        return new EmbeddingSimilarityIndex(embedder, documents.Select(d => d.RowId).ToArray(), rows);
    }

    /// <summary>Every document's cosine similarity to <paramref name="query"/>, in index order.</summary>
    public double[] Scores(string query)
    {
        var q = TextEmbeddingFeatures.OfQuery(Embedder, query);
        ScaleToUnit(q);
        var dimension = q.Length;
        var scores = new double[DocumentCount];
        for (var d = 0; d < scores.Length; d++)
        {
            var row = _unitRows.AsSpan(d * dimension, dimension);
            double dot = 0;
            for (var j = 0; j < dimension; j++) dot += row[j] * q[j];
            scores[d] = dot;
        }
        return scores;
    }

    /// <summary>The <paramref name="top"/> most similar documents, best first, equal scores by row id.</summary>
    public IReadOnlyList<ScoredDocument> Search(string query, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        return Ranking.Top(_rowIds, Scores(query), top, positiveOnly: false);
    }

    private static void ScaleToUnit(Span<double> vector)
    {
        double squares = 0;
        foreach (var v in vector) squares += v * v;
        if (squares == 0) return; // a zero vector stays zero: similarity 0 to everything
        var scale = 1 / Math.Sqrt(squares);
        for (var j = 0; j < vector.Length; j++) vector[j] *= scale;
    }
}
