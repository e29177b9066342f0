namespace OpenLedger.Actors.Domain.Text.Rag;

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
