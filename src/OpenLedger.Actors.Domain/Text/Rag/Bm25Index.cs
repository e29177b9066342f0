namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// Keyword retrieval by Okapi BM25 over a text Datanet version. Terms are the documents' words (<see cref="TextWords"/>:
/// runs of letters and digits, lower-cased) rather than GPT-2 tokens: GPT-2 gives " memory", "memory" and "Memory"
/// different ids and splits rare words (the most telling terms) into pieces shared with unrelated words, while a
/// question names words.
/// <para>score(q, d) = Σ over the distinct terms t of q: idf(t) · f(t, d) · (k1 + 1) / (f(t, d) + k1 · (1 − b + b · |d| / avgdl)),
/// idf(t) = ln(1 + (N − n(t) + 0.5) / (n(t) + 0.5)) (never negative), f the term's count in d, |d| its words, avgdl the mean
/// over the N documents, n(t) the documents holding t. Sums run in the query's term order (first appearance), so a score
/// is the same double on every run. Immutable and thread-safe once built.</para>
/// </summary>
public sealed class Bm25Index
{
    private readonly long[] _rowIds;
    private readonly int[] _lengths;
    private readonly Dictionary<ulong, (int Document, int Count)[]> _postings;
    private readonly double _averageLength;

    internal Bm25Index(long[] rowIds, int[] lengths, Dictionary<ulong, (int, int)[]> postings, Bm25Parameters parameters)
    {
        _rowIds = rowIds;
        _lengths = lengths;
        _postings = postings;
        Parameters = parameters;
        _averageLength = lengths.Length == 0 ? 0 : lengths.Sum(l => (long)l) / (double)lengths.Length;
    }

    public Bm25Parameters Parameters { get; }

    public int DocumentCount => _rowIds.Length;

    /// <summary>The indexed rows, in index order.</summary>
    public ReadOnlySpan<long> RowIds => _rowIds;

    internal ReadOnlySpan<int> Lengths => _lengths;

    internal IReadOnlyDictionary<ulong, (int Document, int Count)[]> Postings => _postings;

    /// <summary>Indexes <paramref name="documents"/> (row ids distinct).</summary>
    public static Bm25Index Build(IReadOnlyList<RetrievalDocument> documents, Bm25Parameters? parameters = null)
    {
        ArgumentNullException.ThrowIfNull(documents);
        parameters ??= Bm25Parameters.Default;
        parameters.Validate();
        var rowIds = new long[documents.Count];
        var lengths = new int[documents.Count];
        var postings = new Dictionary<ulong, List<(int, int)>>();
        var seen = new HashSet<long>();
        for (var d = 0; d < documents.Count; d++)
        {
            var document = documents[d];
            if (!seen.Add(document.RowId)) throw new ArgumentException($"Row {document.RowId} appears twice.", nameof(documents));
            rowIds[d] = document.RowId;
            var words = TextWords.Hashes(document.Text);
            lengths[d] = words.Count;
            var counts = new Dictionary<ulong, int>();
            foreach (var word in words) counts[word] = counts.GetValueOrDefault(word) + 1;
            foreach (var (term, count) in counts)
            {
                if (!postings.TryGetValue(term, out var list)) postings[term] = list = [];
                list.Add((d, count));
            }
        }
        return new Bm25Index(rowIds, lengths, postings.ToDictionary(p => p.Key, p => p.Value.ToArray()), parameters);
    }

    /// <summary>How many documents hold the word (<see cref="TextWords"/> form) of <paramref name="word"/>.</summary>
    public int DocumentFrequency(string word)
    {
        var hashes = TextWords.Hashes(word);
        if (hashes.Count != 1) throw new ArgumentException("Expected exactly one word.", nameof(word));
        return _postings.TryGetValue(hashes[0], out var list) ? list.Length : 0;
    }

    /// <summary>The inverse document frequency of a term held by <paramref name="documentFrequency"/> of the documents.</summary>
    public double Idf(int documentFrequency) =>
        Math.Log(1 + (DocumentCount - documentFrequency + 0.5) / (documentFrequency + 0.5));

    /// <summary>Every document's score for <paramref name="query"/>, in index order (0 for a document sharing no term).</summary>
    public double[] Scores(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var scores = new double[DocumentCount];
        var (k1, b) = (Parameters.K1, Parameters.B);
        var terms = new HashSet<ulong>();
        foreach (var term in TextWords.Hashes(query))
        {
            if (!terms.Add(term) || !_postings.TryGetValue(term, out var postings)) continue;
            var idf = Idf(postings.Length);
            foreach (var (document, count) in postings)
            {
                var norm = k1 * (1 - b + b * _lengths[document] / _averageLength);
                scores[document] += idf * count * (k1 + 1) / (count + norm);
            }
        }
        return scores;
    }

    /// <summary>The best <paramref name="top"/> documents with a positive score, best first, equal scores by row id.</summary>
    public IReadOnlyList<ScoredDocument> Search(string query, int top)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(top);
        var scores = Scores(query);
        return Ranking.Top(_rowIds, scores, top, positiveOnly: true);
    }
}
