using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class RagRewardRuleTests
{
    [Fact]
    public void A_worked_example_follows_the_written_rule()
    {
        // Surrogate weights (nats): row 30 +30, row 10 +10, row 20 −5 (ignored). The answer carries 100 nats without context.
        // Spans: row 10 has 400 of 1,000 span units, row 20 100; 500 unattributed.
        var spans = new TextAttributionWeights([new DocumentWeight(10, 400), new DocumentWeight(20, 100)], [], 500, 1_000);
        var weights = RagRewardRule.Weigh([30, 10, 20], [30.0, 10.0, -5.0], 100, spans, spanShare: 0.25, maxRecipients: 10);
        // row 10: 0.75·0.10 + 0.25·0.4 = 0.175; row 20: 0.25·0.1 = 0.025; row 30: 0.75·0.30 = 0.225; unattributed 0.575.
        Assert.Equal([new DocumentWeight(30, 225_000), new DocumentWeight(10, 175_000), new DocumentWeight(20, 25_000)], weights.Documents);
        Assert.Equal(575_000, weights.UnattributedWeight);
        Assert.Equal(RagRewardRule.TotalWeight, weights.TotalWeight);

        // The documents explain more than the answer's context-free information: I becomes Σ w⁺, nothing left to the context part.
        var over = RagRewardRule.Weigh([1, 2], [80.0, 40.0], 100, new TextAttributionWeights([], [], 0, 0), 0.25, 10);
        Assert.Equal([new DocumentWeight(1, 500_000), new DocumentWeight(2, 250_000)], over.Documents);
        Assert.Equal(250_000, over.UnattributedWeight); // the span part, with no spans

        var capped = RagRewardRule.Weigh([30, 10, 20], [30.0, 10.0, -5.0], 100, spans, 0.25, maxRecipients: 1);
        Assert.Equal([new DocumentWeight(30, 225_000)], capped.Documents);
        Assert.Equal([new DocumentWeight(10, 175_000), new DocumentWeight(20, 25_000)], capped.PooledDocuments);
    }

    [Fact]
    public void Units_always_add_up_and_do_not_depend_on_document_order()
    {
        const int seed = 16_501;
        var random = new Random(seed);
        for (var trial = 0; trial < 500; trial++)
        {
            var n = random.Next(1, 12);
            var rows = Enumerable.Range(0, n).Select(d => (long)random.Next(1_000) * 12 + d).ToArray();
            var surrogate = rows.Select(_ => (random.NextDouble() - 0.3) * 40).ToArray();
            var spanRows = rows.Where(_ => random.Next(3) == 0).Select(r => new DocumentWeight(r, random.Next(1, 500))).ToList();
            var spans = new TextAttributionWeights(spanRows, [], random.Next(0, 500), 0);
            spans = spans with { TotalWeight = spans.PaidWeight + spans.UnattributedWeight };
            var information = random.NextDouble() * 200;
            var sigma = random.NextDouble();
            var weights = RagRewardRule.Weigh(rows, surrogate, information, spans, sigma, random.Next(0, 12));
            Assert.True(weights.PaidWeight + weights.PoolWeight + weights.UnattributedWeight == RagRewardRule.TotalWeight, $"seed {seed}, trial {trial}");
            var permutation = Enumerable.Range(0, n).OrderBy(_ => random.Next()).ToArray();
            var shuffled = RagRewardRule.Weigh(permutation.Select(p => rows[p]).ToList(), permutation.Select(p => surrogate[p]).ToList(), information, spans, sigma, int.MaxValue);
            var unshuffled = RagRewardRule.Weigh(rows, surrogate, information, spans, sigma, int.MaxValue);
            Assert.Equal(unshuffled.Documents, shuffled.Documents);
            // A document with neither positive surrogate weight nor span credit gets nothing.
            foreach (var d in Enumerable.Range(0, n).Where(d => surrogate[d] <= 0 && spanRows.All(s => s.RowId != rows[d])))
                Assert.DoesNotContain(unshuffled.Documents, w => w.RowId == rows[d]);
        }
    }
}
