namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// Dense retrieval: each document cut into passages (<see cref="PassageOptions"/>, <see cref="PassageSplitter"/>; with one
/// passage per document the whole text goes to the embedder, which reads its own window of it, as a classifier's features do), each
/// passage's sentence embedding (<see cref="ITextEmbedder"/>) kept as the embedder returned it and scaled to unit length
/// for scoring; a query's score for a document is the largest cosine between the query's embedding and the document's
/// passages (sums in dimension order, passages in document order). Immutable and thread-safe once built; its stored
/// form is <see cref="EmbeddingIndexFormat"/>.
/// </summary>
public sealed class EmbeddingSimilarityIndex
{
    private readonly long[] _rowIds;
    private readonly int[] _passageStarts; // document d's passages are [_passageStarts[d], _passageStarts[d + 1])
    private readonly float[] _vectors;      // as embedded, passage-major
    private readonly double[] _unitPassages;

    internal EmbeddingSimilarityIndex(ITextEmbedder embedder, PassageOptions passages, long[] rowIds, int[] passageStarts, float[] vectors)
    {
        Embedder = embedder;
        Passages = passages;
        _rowIds = rowIds;
        _passageStarts = passageStarts;
        _vectors = vectors;
        var dimension = embedder.Dimension;
        _unitPassages = new double[vectors.Length];
        for (var i = 0; i < vectors.Length; i++) _unitPassages[i] = vectors[i];
        for (var p = 0; p < PassageCount; p++) ScaleToUnit(_unitPassages.AsSpan(p * dimension, dimension));
    }

    public ITextEmbedder Embedder { get; }

    public PassageOptions Passages { get; }

    public int DocumentCount => _rowIds.Length;

    public int PassageCount => _passageStarts[^1];

    public ReadOnlySpan<long> RowIds => _rowIds;

    /// <summary>Where each document's passages start (one more entry than documents: the last is the passage count).</summary>
    public ReadOnlySpan<int> PassageStarts => _passageStarts;

    /// <summary>The passages' embeddings as the embedder returned them, passage-major (what the stored form keeps).</summary>
    public ReadOnlySpan<float> Vectors => _vectors;

    /// <param name="embedded">Hears the number of passages embedded so far and the total, after each one.</param>
    public static EmbeddingSimilarityIndex Build(ITextEmbedder embedder, IReadOnlyList<RetrievalDocument> documents, PassageOptions? passages = null,
        Action<int, int>? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(documents);
        passages ??= PassageOptions.FirstWindow;
        passages.Validate();
        if (documents.Select(d => d.RowId).Distinct().Count() != documents.Count) throw new ArgumentException("Row ids must be distinct.", nameof(documents));
        var texts = new List<string>();
        var starts = new int[documents.Count + 1];
        for (var d = 0; d < documents.Count; d++)
        {
            starts[d] = texts.Count;
            if (passages.PerDocument == 1) texts.Add(documents[d].Text); // one window: the embedder reads the text as it reads any
            else texts.AddRange(PassageSplitter.Split(documents[d].Text, passages.MaxCharacters, passages.PerDocument));
        }
        starts[^1] = texts.Count;
        var dimension = embedder.Dimension;
        var vectors = new float[(long)texts.Count * dimension];
        for (var p = 0; p < texts.Count; p++)
        {
            var vector = embedder.Embed([texts[p]]);
            if (vector.Length != 1 || vector[0].Length != dimension)
                throw new InvalidOperationException($"The embedder '{embedder.Name}' did not return one vector of {dimension} values.");
            if (!vector[0].All(float.IsFinite)) throw new InvalidOperationException($"The embedder '{embedder.Name}' returned a value that is not finite.");
            vector[0].CopyTo(vectors.AsSpan(p * dimension, dimension));
            embedded?.Invoke(p + 1, texts.Count);
        }
        return new EmbeddingSimilarityIndex(embedder, passages, documents.Select(d => d.RowId).ToArray(), starts, vectors);
    }

    /// <summary>Every document's score for <paramref name="query"/> (its best passage's cosine), in index order.</summary>
    public double[] Scores(string query)
    {
        var q = TextEmbeddingFeatures.OfQuery(Embedder, query);
        ScaleToUnit(q);
        var dimension = q.Length;
        var scores = new double[DocumentCount];
        for (var d = 0; d < scores.Length; d++)
        {
            var best = double.NegativeInfinity;
            for (var p = _passageStarts[d]; p < _passageStarts[d + 1]; p++)
            {
                var row = _unitPassages.AsSpan(p * dimension, dimension);
                double dot = 0;
                for (var j = 0; j < dimension; j++) dot += row[j] * q[j];
                if (dot > best) best = dot;
            }
            scores[d] = best;
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
