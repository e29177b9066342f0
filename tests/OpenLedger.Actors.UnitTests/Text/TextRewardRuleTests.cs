using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

public sealed class TextRewardRuleTests
{
    [Fact]
    public void A_worked_example_follows_the_written_rule()
    {
        // 10 tokens of weight 100 each; span A = [0, 4) found once in row 7; span B = [2, 6) found 3 times in rows 8 and 9;
        // tokens 6..9 covered by nothing. M = 4.
        var options = new SpanQueryOptions(MinTokens: 1, MaxOccurrences: 4, MaxSpans: 8);
        var trace = new SpanTrace(10,
            [new TracedSpan(0, 4, 0, 4, 1, [7], 0), new TracedSpan(2, 4, 2, 6, 3, [9, 8], 0)],
            Enumerable.Repeat(100L, 10).ToArray(), 1_000, 2, 0, 0, options);
        var weights = TextRewardRule.Weigh(trace, maxRecipients: 8);
        // A: tokens 0,1 whole (200) + half of tokens 2,3 (100) = 300, count 1 → keeps 300·4/4 = 300.
        // B: half of tokens 2,3 (100) + tokens 4,5 (200) = 300, count 3 → keeps ⌊300·2/4⌋ = 150 → 75 each to rows 8, 9.
        // Unattributed: tokens 6..9 (400) + B's 150 tapered off.
        Assert.Equal([new DocumentWeight(7, 300), new DocumentWeight(8, 75), new DocumentWeight(9, 75)], weights.Documents);
        Assert.Equal(550, weights.UnattributedWeight);
        Assert.Equal(1_000, weights.TotalWeight);

        var capped = TextRewardRule.Weigh(trace, maxRecipients: 2);
        Assert.Equal([new DocumentWeight(7, 300), new DocumentWeight(8, 75)], capped.Documents);
        Assert.Equal([new DocumentWeight(9, 75)], capped.PooledDocuments);
        Assert.Equal(75, capped.PoolWeight);
    }

    [Fact]
    public void Weights_always_add_up_and_reproduce_exactly()
    {
        const int seed = 16_041;
        var random = new Random(seed);
        var documents = BundledText.Indexed.Take(40).ToList();
        var shards = SpanIndexShards.Build(documents, 30_000);
        for (var trial = 0; trial < 20; trial++)
        {
            var source = documents[random.Next(documents.Count)].Tokens;
            var start = random.Next(Math.Max(1, source.Length - 200));
            var text = Gpt2TextTokenizer.Shared.Decode(source.AsSpan(start, Math.Min(200, source.Length - start))) + " and then something else entirely.";
            var options = new SpanQueryOptions(MinTokens: random.Next(2, 6), MaxOccurrences: random.Next(1, 50), MaxSpans: random.Next(1, 20));
            var trace = SpanTracer.Trace(shards, Gpt2TextTokenizer.Shared.Tokenize(text), options);
            var cap = random.Next(0, 6);
            var weights = TextRewardRule.Weigh(trace, cap);
            var context = $"seed {seed}, trial {trial}";
            Assert.True(weights.PaidWeight + weights.PoolWeight + weights.UnattributedWeight == weights.TotalWeight, $"{context}: weights do not add up");
            Assert.Equal(trace.TokenSurprisalQ16.Sum(), weights.TotalWeight);
            Assert.True(weights.Documents.Count <= cap, context);
            Assert.All(weights.Documents.Concat(weights.PooledDocuments), d => Assert.True(d.Weight > 0, context));
            Assert.True(weights.Documents.Zip(weights.Documents.Skip(1)).All(p => p.First.Weight > p.Second.Weight || (p.First.Weight == p.Second.Weight && p.First.RowId < p.Second.RowId)), $"{context}: order");
            if (weights.PooledDocuments.Count > 0) Assert.Equal(cap, weights.Documents.Count);
            Assert.Equal(weights, TextRewardRule.Weigh(trace with { Spans = trace.Spans.Select(s => s with { RowIds = [.. s.RowIds.Reverse()] }).ToList() }, cap), new WeightsComparer());
            if (trace.Spans.Count > 0) Assert.True(weights.UnattributedWeight < weights.TotalWeight, $"{context}: spans were found but nothing attributed");
        }
    }

    [Fact]
    public void Without_spans_everything_is_unattributed()
    {
        var trace = new SpanTrace(3, [], [5, 6, 7], 100, 0, 0, 0, SpanQueryOptions.Default);
        var weights = TextRewardRule.Weigh(trace, 4);
        Assert.Empty(weights.Documents);
        Assert.Equal(18, weights.UnattributedWeight);
        Assert.Equal(18, weights.TotalWeight);
    }

    [Fact]
    public void Fixed_point_log2_is_within_one_unit_of_the_exact_value()
    {
        const int seed = 16_051;
        var random = new Random(seed);
        var values = new List<ulong> { 1, 2, 3, 4, 5, 1_000, 50_257, (1UL << 32) + 1, ulong.MaxValue, (1UL << 63) - 1, 1UL << 63 };
        for (var i = 0; i < 2_000; i++) values.Add((ulong)random.NextInt64(1, long.MaxValue) >> random.Next(0, 62) | 1);
        foreach (var x in values)
        {
            var expected = Math.Log2(x) * FixedPointLog2.One;
            var actual = FixedPointLog2.Log2(x);
            Assert.True(Math.Abs(actual - expected) <= 1.5, $"seed {seed}: log2({x}) = {actual / (double)FixedPointLog2.One}, expected {Math.Log2(x)}");
        }
        Assert.Equal(0, FixedPointLog2.Log2(1));
        Assert.Equal(10 * FixedPointLog2.One, FixedPointLog2.Log2(1024));
    }

    private sealed class WeightsComparer : IEqualityComparer<TextAttributionWeights>
    {
        public bool Equals(TextAttributionWeights? x, TextAttributionWeights? y) =>
            x!.Documents.SequenceEqual(y!.Documents) && x.PooledDocuments.SequenceEqual(y.PooledDocuments)
            && x.UnattributedWeight == y.UnattributedWeight && x.TotalWeight == y.TotalWeight;

        public int GetHashCode(TextAttributionWeights obj) => obj.TotalWeight.GetHashCode();
    }
}
