using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

/// <summary>The reference the index is tested against: plain substring search over every document, no suffix array.</summary>
internal static class NaiveSpanSearch
{
    public static int LongestMatch(IReadOnlyList<IndexedDocument> documents, ReadOnlySpan<ushort> query)
    {
        var best = 0;
        foreach (var document in documents)
        {
            var tokens = document.Tokens.AsSpan();
            for (var p = 0; p < tokens.Length && best < query.Length; p++) best = Math.Max(best, tokens[p..].CommonPrefixLength(query));
        }
        return best;
    }

    public static SpanOccurrences Occurrences(IReadOnlyList<IndexedDocument> documents, ReadOnlySpan<ushort> pattern, int listLimit)
    {
        long count = 0;
        var rows = new SortedSet<long>();
        foreach (var document in documents)
        {
            var tokens = document.Tokens.AsSpan();
            for (var p = 0; p + pattern.Length <= tokens.Length; p++)
            {
                if (!tokens[p..].StartsWith(pattern)) continue;
                count++;
                rows.Add(document.RowId);
            }
        }
        return new SpanOccurrences(count, count > listLimit ? null : [.. rows]);
    }

    /// <summary>The span query's steps fed by naive search instead of an index.</summary>
    public static SpanTrace Trace(IReadOnlyList<IndexedDocument> documents, TokenizedText output, SpanQueryOptions options)
    {
        var (starts, ends) = SpanTracer.MatchRequests(output);
        var lengths = new int[starts.Length];
        for (var k = 0; k < starts.Length; k++) lengths[k] = LongestMatch(documents, output.Ids.AsSpan(starts[k]..ends[k]));
        var candidates = SpanTracer.Candidates(output, starts, lengths, options);
        var occurrences = candidates.Select(c => Occurrences(documents, output.Ids.AsSpan(c.Start, c.Length), options.MaxOccurrences)).ToList();
        var counts = new long[Gpt2TextTokenizer.VocabularySize];
        foreach (var document in documents)
        {
            foreach (var token in document.Tokens) counts[token]++;
        }
        return SpanTracer.Finish(output, candidates, occurrences, new UnigramSurprisal(counts), options);
    }

    /// <summary>A token sequence with no text behind it: each token one character, word starts, word ends and sentence ends as given (default: every token a word, one sentence).</summary>
    public static TokenizedText Uniform(ushort[] ids, bool[]? wordStarts = null, bool[]? wordEnds = null, int[]? sentenceEnds = null)
    {
        var n = ids.Length;
        wordStarts ??= Enumerable.Repeat(true, n).ToArray();
        wordEnds ??= Enumerable.Repeat(true, n + 1).ToArray();
        sentenceEnds ??= Enumerable.Repeat(n, n).ToArray();
        return new TokenizedText(new string('x', n), ids, Enumerable.Range(0, n).ToArray(), Enumerable.Range(1, n).ToArray(), wordStarts, wordEnds, sentenceEnds);
    }
}
