using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

/// <summary>
/// Span results equal a naive substring search, on random corpora (small and large alphabets, repetitive) and on the
/// bundled real text; sharded indexes answer exactly as one index. Seeds are fixed and printed on failure.
/// </summary>
public sealed class SpanQueryExactnessTests
{
    [Theory]
    [InlineData(2, 16_001)]
    [InlineData(3, 16_002)]
    [InlineData(8, 16_003)]
    [InlineData(300, 16_004)]
    [InlineData(50_257, 16_005)]
    public void Longest_matches_and_occurrences_equal_naive_search_single_and_sharded(int alphabet, int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 25; trial++)
        {
            var context = $"seed {seed}, trial {trial}, alphabet {alphabet}";
            var documents = RandomCorpus(random, alphabet);
            var single = SuffixArrayIndex.Build(documents);
            var shards = SpanIndexShards.Build(documents, random.Next(2, 200));
            var output = MixedOutput(random, documents, alphabet, 80);
            var starts = Enumerable.Range(0, output.Length).ToArray();
            var ends = starts.Select(s => Math.Min(output.Length, s + random.Next(0, 40))).ToArray();

            var fromSingle = single.LongestMatches(output, starts, ends);
            var fromShards = SpanTracer.MergeLongestMatches(shards.Select(s => s.LongestMatches(output, starts, ends)));
            for (var k = 0; k < starts.Length; k++)
            {
                var expected = NaiveSpanSearch.LongestMatch(documents, output.AsSpan(starts[k]..ends[k]));
                Assert.True(expected == fromSingle[k], $"{context}: longest match at {starts[k]} is {fromSingle[k]}, naive search says {expected}");
                Assert.True(expected == fromShards[k], $"{context}: sharded longest match at {starts[k]} is {fromShards[k]}, naive search says {expected}");
            }

            for (var q = 0; q < 40; q++)
            {
                var start = random.Next(output.Length);
                var length = random.Next(1, Math.Min(12, output.Length - start) + 1);
                var pattern = output.AsSpan(start, length);
                var limit = random.Next(0, 20);
                var expected = NaiveSpanSearch.Occurrences(documents, pattern, limit);
                AssertSame(expected, single.Occurrences(pattern, limit), $"{context}: occurrences of [{start}, +{length}) limit {limit}");
                var patternArray = pattern.ToArray();
                var merged = SpanTracer.MergeOccurrences(shards.Select(s => s.Occurrences(patternArray, limit)).ToList(), limit);
                AssertSame(expected, merged, $"{context}: sharded occurrences of [{start}, +{length}) limit {limit}");
            }
        }
    }

    [Theory]
    [InlineData(2, 16_011)]
    [InlineData(4, 16_012)]
    [InlineData(1_000, 16_013)]
    public void Traces_equal_the_naive_trace_with_word_and_sentence_boundaries(int alphabet, int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 20; trial++)
        {
            var context = $"seed {seed}, trial {trial}, alphabet {alphabet}";
            var documents = RandomCorpus(random, alphabet);
            var ids = MixedOutput(random, documents, alphabet, 120);
            var n = ids.Length;
            var wordStarts = Enumerable.Range(0, n).Select(i => i == 0 || random.Next(3) > 0).ToArray();
            var wordEnds = Enumerable.Range(0, n + 1).Select(i => i == n || random.Next(3) > 0).ToArray();
            var sentenceEnds = new int[n];
            var end = n;
            for (var i = n - 1; i >= 0; i--)
            {
                if (i < n - 1 && random.Next(25) == 0) end = i + 1;
                sentenceEnds[i] = end;
            }
            var output = NaiveSpanSearch.Uniform(ids, wordStarts, wordEnds, sentenceEnds);
            var options = new SpanQueryOptions(MinTokens: random.Next(1, 6), MaxOccurrences: random.Next(1, 30), MaxSpans: random.Next(1, 12));

            var expected = NaiveSpanSearch.Trace(documents, output, options);
            AssertSame(expected, SpanTracer.Trace([SuffixArrayIndex.Build(documents)], output, options), $"{context}: one index");
            AssertSame(expected, SpanTracer.Trace(SpanIndexShards.Build(documents, random.Next(2, 300)), output, options), $"{context}: shards");
        }
    }

    [Fact]
    public void Traces_of_real_text_equal_the_naive_trace()
    {
        const int seed = 16_021;
        var random = new Random(seed);
        var documents = BundledText.Indexed.Take(60).ToList();
        var single = SuffixArrayIndex.Build(documents);
        var shards = SpanIndexShards.Build(documents, 40_000);
        Assert.True(shards.Count > 1, "the real corpus should span several shards");
        var tokenizer = Gpt2TextTokenizer.Shared;
        var options = new SpanQueryOptions(MinTokens: 4, MaxOccurrences: 20, MaxSpans: 16);
        for (var trial = 0; trial < 6; trial++)
        {
            // An "assistant answer": corpus passages stitched with words of its own.
            var text = string.Join(" It also matters that ", Enumerable.Range(0, 4).Select(_ =>
            {
                var document = documents[random.Next(documents.Count)].Tokens;
                var start = random.Next(Math.Max(1, document.Length - 60));
                return tokenizer.Decode(document.AsSpan(start, Math.Min(random.Next(10, 60), document.Length - start)));
            }));
            var output = tokenizer.Tokenize(text);
            var expected = NaiveSpanSearch.Trace(documents, output, options);
            Assert.True(expected.Spans.Count > 0, $"seed {seed}, trial {trial}: the stitched passages should be found");
            AssertSame(expected, SpanTracer.Trace([single], output, options), $"seed {seed}, trial {trial}: one index");
            AssertSame(expected, SpanTracer.Trace(shards, output, options), $"seed {seed}, trial {trial}: {shards.Count} shards");
            foreach (var span in expected.Spans)
            {
                Assert.Equal(text[span.CharStart..span.CharEnd], tokenizer.Decode(output.Ids.AsSpan(span.TokenStart, span.TokenLength)));
            }
        }
    }

    [Fact]
    public void A_match_never_runs_across_a_document_boundary()
    {
        IndexedDocument[] documents = [new(10, [1, 2, 3]), new(20, [4, 5, 6])];
        var index = SuffixArrayIndex.Build(documents);
        Assert.Equal([3], index.LongestMatches([1, 2, 3, 4, 5], [0], [5]));
        Assert.Equal(0, index.Occurrences([3, 4], 10).Count);
        Assert.Equal(1, index.Occurrences([5, 6], 10).Count);
        Assert.Equal([20L], index.Occurrences([5, 6], 10).RowIds!);
        Assert.Throws<ArgumentException>(() => index.Occurrences([3, Gpt2TextTokenizer.Separator, 4], 10));
        Assert.Equal(6, index.TokenCount);
        Assert.Equal(20, index.RowAt(4));
    }

    private static List<IndexedDocument> RandomCorpus(Random random, int alphabet)
    {
        var documents = new List<IndexedDocument>();
        var count = random.Next(1, 30);
        var motif = Enumerable.Range(0, 6).Select(_ => (ushort)random.Next(alphabet)).ToArray();
        for (var d = 0; d < count; d++)
        {
            var tokens = new ushort[random.Next(0, 80)];
            for (var i = 0; i < tokens.Length; i++) tokens[i] = random.Next(4) == 0 ? motif[i % motif.Length] : (ushort)random.Next(alphabet);
            documents.Add(new IndexedDocument(1_000 + d * 7, tokens));
        }
        return documents;
    }

    /// <summary>An output that reuses passages of the corpus, mixed with random tokens.</summary>
    private static ushort[] MixedOutput(Random random, List<IndexedDocument> documents, int alphabet, int length)
    {
        var output = new List<ushort>();
        while (output.Count < length)
        {
            var document = documents[random.Next(documents.Count)].Tokens;
            if (document.Length > 0 && random.Next(3) > 0)
            {
                var start = random.Next(document.Length);
                output.AddRange(document.Skip(start).Take(random.Next(1, 25)));
            }
            else
            {
                output.Add((ushort)random.Next(alphabet));
            }
        }
        return [.. output.Take(length)];
    }

    private static void AssertSame(SpanOccurrences expected, SpanOccurrences actual, string context)
    {
        Assert.True(expected.Count == actual.Count, $"{context}: count {actual.Count}, naive {expected.Count}");
        Assert.True((expected.RowIds is null) == (actual.RowIds is null), $"{context}: listing differs");
        if (expected.RowIds is not null) Assert.True(expected.RowIds.SequenceEqual(actual.RowIds!), $"{context}: rows differ");
    }

    private static void AssertSame(SpanTrace expected, SpanTrace actual, string context)
    {
        Assert.True(expected.TokenSurprisalQ16.SequenceEqual(actual.TokenSurprisalQ16), $"{context}: token surprisals differ");
        Assert.True((expected.CandidateSpans, expected.DroppedAsCommon, expected.DroppedBeyondMaxSpans, expected.CorpusTokens)
            == (actual.CandidateSpans, actual.DroppedAsCommon, actual.DroppedBeyondMaxSpans, actual.CorpusTokens), $"{context}: span counts differ");
        Assert.True(expected.Spans.Count == actual.Spans.Count, $"{context}: {actual.Spans.Count} spans, naive {expected.Spans.Count}");
        for (var s = 0; s < expected.Spans.Count; s++)
        {
            var (e, a) = (expected.Spans[s], actual.Spans[s]);
            Assert.True(e with { RowIds = Array.Empty<long>() } == a with { RowIds = Array.Empty<long>() } && e.RowIds.SequenceEqual(a.RowIds), $"{context}: span {s} is {Describe(a)}, naive {Describe(e)}");
        }
    }

    private static string Describe(TracedSpan span) =>
        $"[{span.TokenStart}, +{span.TokenLength}) count {span.Count} rows {string.Join(",", span.RowIds)} surprisal {span.SurprisalQ16}";
}
