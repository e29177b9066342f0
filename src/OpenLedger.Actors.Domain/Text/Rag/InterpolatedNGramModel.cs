namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// The offline context language model: an n-gram model over GPT-2 tokens whose counts come from the kept (unmasked)
/// documents only, interpolated Jelinek–Mercer style down to a uniform floor over the vocabulary:
/// <code>
/// P₀(w)       = 1 / V                                         (V = 50,257)
/// Pₖ(w | h)   = λ · c(h w) / c(h •) + (1 − λ) · Pₖ₋₁(w | h′)   when c(h •) > 0, else Pₖ₋₁(w | h′)
/// </code>
/// with h the k − 1 tokens before w (h′ without its first), c(h w) how often the k-gram occurs in the kept documents and
/// c(h •) how often h occurs followed by a token of the same document (for k = 1: the kept documents' tokens). Answer
/// token i is scored with the answer's own previous min(i, K − 1) tokens as history (K = <see cref="Order"/>); the
/// answer's log-probability is the sum. Every probability is at least (1 − λ)^K / V, so masking never gives −∞.
/// <para>Why Jelinek–Mercer rather than Witten–Bell: its statistics (c(h w), c(h •)) add up over documents, so
/// <c>Condition</c> counts every n-gram of the answer in each document once, and any subset's counts are sums of
/// those — scoring a mask costs answer length × order × documents, with no index rebuilt per mask. (Witten–Bell needs the
/// number of distinct continuations of h, which does not add up over documents.)</para>
/// <para>The counts come from one <see cref="SuffixArrayIndex"/> over the retrieved documents (the span index's own
/// structure): each n-gram of the answer is one suffix-array interval, whose suffixes name their documents.</para>
/// </summary>
public sealed class InterpolatedNGramModel : IContextLanguageModel
{
    public InterpolatedNGramModel(int order = 4, double lambda = 0.7)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(order, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(order, 16);
        if (!(lambda > 0 && lambda < 1)) throw new ArgumentOutOfRangeException(nameof(lambda), lambda, "λ must lie in (0, 1).");
        Order = order;
        Lambda = lambda;
    }

    /// <summary>K: the longest n-gram used.</summary>
    public int Order { get; }

    /// <summary>λ: the weight of each order's maximum-likelihood estimate against the lower orders.</summary>
    public double Lambda { get; }

    public string Name => $"ngram-jm/order={Order}/lambda={Lambda.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    public IAnswerLikelihood Condition(IReadOnlyList<IndexedDocument> documents, ReadOnlySpan<ushort> answer)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var index = SuffixArrayIndex.Build(documents);
        return Condition(index, answer);
    }

    /// <summary>As <see cref="Condition(IReadOnlyList{IndexedDocument}, ReadOnlySpan{ushort})"/> over an index already built of the documents (mask order = index order).</summary>
    public IAnswerLikelihood Condition(SuffixArrayIndex index, ReadOnlySpan<ushort> answer)
    {
        ArgumentNullException.ThrowIfNull(index);
        return NGramAnswerLikelihood.Count(index, answer, Order, Lambda);
    }
}

/// <summary>
/// The per-document counts <see cref="InterpolatedNGramModel"/> needs for one answer: for every answer position i and
/// order k (1 … min(K, i + 1)), each document's c(h w) and c(h •). Scoring a subset sums them over the kept documents.
/// </summary>
internal sealed class NGramAnswerLikelihood : IAnswerLikelihood
{
    private readonly int _answerLength;
    private readonly int _order;
    private readonly double _lambda;
    private readonly int _documents;
    // [((i * order) + (k − 1)) * documents + d]
    private readonly long[] _gramCounts;
    private readonly long[] _historyCounts;

    private NGramAnswerLikelihood(int answerLength, int order, double lambda, int documents, long[] gramCounts, long[] historyCounts)
    {
        _answerLength = answerLength;
        _order = order;
        _lambda = lambda;
        _documents = documents;
        _gramCounts = gramCounts;
        _historyCounts = historyCounts;
    }

    public int DocumentCount => _documents;

    public static NGramAnswerLikelihood Count(SuffixArrayIndex index, ReadOnlySpan<ushort> answer, int order, double lambda)
    {
        var documents = index.DocumentCount;
        var gramCounts = new long[answer.Length * order * documents];
        var historyCounts = new long[answer.Length * order * documents];
        var starts = index.DocumentStarts;
        var stream = index.Stream;
        var suffixes = index.SuffixArray;

        // Unigram histories: every document's token count.
        var tokensPerDocument = new long[documents];
        for (var d = 0; d < documents; d++)
        {
            var end = d + 1 < documents ? starts[d + 1] : stream.Length;
            tokensPerDocument[d] = end - starts[d] - 1;
        }

        for (var i = 0; i < answer.Length; i++)
        {
            for (var k = 1; k <= Math.Min(order, i + 1); k++)
            {
                var cell = (i * order + k - 1) * documents;
                var gram = answer.Slice(i - k + 1, k);
                var (lo, hi) = index.Find(gram);
                for (var r = lo; r < hi; r++) gramCounts[cell + DocumentOf(starts, suffixes[r])]++;
                if (k == 1)
                {
                    tokensPerDocument.CopyTo(historyCounts, cell);
                    continue;
                }
                var history = gram[..^1];
                (lo, hi) = index.Find(history);
                for (var r = lo; r < hi; r++)
                {
                    var position = suffixes[r];
                    if (stream[position + history.Length] != Gpt2TextTokenizer.Separator) historyCounts[cell + DocumentOf(starts, position)]++;
                }
            }
        }
        return new NGramAnswerLikelihood(answer.Length, order, lambda, documents, gramCounts, historyCounts);
    }

    public double LogProbability(ReadOnlySpan<bool> kept)
    {
        if (kept.Length != _documents) throw new ArgumentException($"Expected a mask over {_documents} documents.", nameof(kept));
        double logProbability = 0;
        for (var i = 0; i < _answerLength; i++)
        {
            var p = 1.0 / Gpt2TextTokenizer.VocabularySize;
            for (var k = 1; k <= Math.Min(_order, i + 1); k++)
            {
                var cell = (i * _order + k - 1) * _documents;
                long gram = 0, history = 0;
                for (var d = 0; d < _documents; d++)
                {
                    if (!kept[d]) continue;
                    gram += _gramCounts[cell + d];
                    history += _historyCounts[cell + d];
                }
                if (history > 0) p = _lambda * gram / history + (1 - _lambda) * p;
            }
            logProbability += Math.Log(p);
        }
        return logProbability;
    }

    private static int DocumentOf(ReadOnlySpan<int> starts, int position)
    {
        var index = starts.BinarySearch(position);
        return index >= 0 ? index : ~index - 1;
    }
}
