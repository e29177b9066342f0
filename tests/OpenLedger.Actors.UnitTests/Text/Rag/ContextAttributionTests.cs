using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class ContextAttributionTests
{
    [Fact]
    public void The_document_an_answer_copies_from_gets_the_weight_and_novel_words_stay_unattributed()
    {
        var documents = BundledText.Indexed.Skip(40).Take(5).ToList();
        var tokenizer = Gpt2TextTokenizer.Shared;
        var source = documents[3];
        var copied = tokenizer.Decode(source.Tokens.AsSpan(200, 80));
        var answer = tokenizer.Tokenize("In short, as far as I can tell:" + copied + " Hope that helps with your question, friend.");
        var result = ContextAttribution.Attribute(documents, answer, new InterpolatedNGramModel());

        Assert.True(result.Surrogate.Converged);
        var best = Enumerable.Range(0, 5).MaxBy(d => result.Surrogate.Weights[d]);
        Assert.Equal(3, best);
        Assert.Equal(source.RowId, result.Weights.Documents[0].RowId);
        Assert.Contains(result.Spans.Spans, s => s.RowIds.Contains(source.RowId));
        Assert.True(result.Weights.UnattributedWeight > 0);
        Assert.Equal(RagRewardRule.TotalWeight, result.Weights.PaidWeight + result.Weights.PoolWeight + result.Weights.UnattributedWeight);
        Assert.True(result.FullLogProbability > result.EmptyLogProbability);

        // Deterministic for the seed; another seed draws other masks but names the same source.
        var again = ContextAttribution.Attribute(documents, answer, new InterpolatedNGramModel());
        Assert.Equal(result.Surrogate.Weights, again.Surrogate.Weights);
        Assert.Equal(result.Weights.Documents, again.Weights.Documents);
        var other = ContextAttribution.Attribute(documents, answer, new InterpolatedNGramModel(), ContextAttributionOptions.Default with { Seed = 99 });
        Assert.NotEqual(result.Surrogate.Weights, other.Surrogate.Weights);
        Assert.Equal(source.RowId, other.Weights.Documents[0].RowId);
    }

    [Fact]
    public void An_answer_sharing_nothing_with_the_documents_is_all_unattributed()
    {
        var documents = new List<IndexedDocument> { new(1, [1, 2, 3, 4, 5]), new(2, [6, 7, 8, 9]) };
        var answer = Gpt2TextTokenizer.Shared.Tokenize("Zebra quokka");
        Assert.DoesNotContain(answer.Ids, t => t < 10);
        var result = ContextAttribution.Attribute(documents, answer, new InterpolatedNGramModel(), ContextAttributionOptions.Default with { Masks = 16 });
        Assert.Empty(result.Weights.Documents);
        Assert.Equal(RagRewardRule.TotalWeight, result.Weights.UnattributedWeight);
    }

    [Fact]
    public void The_surrogate_of_an_additive_model_is_exact()
    {
        // A model whose log-probability is a sum of per-document effects: LASSO with small α recovers them.
        var effects = new[] { 5.0, 0.0, -2.0, 12.0 };
        var likelihood = new AdditiveLikelihood(-100, effects);
        var surrogate = ContextAttribution.FitSurrogate(likelihood, ContextAblationMasks.Sample(4, 64, 3), relativeAlpha: 0);
        for (var d = 0; d < 4; d++) Assert.Equal(effects[d], surrogate.Weights[d], 8);
        Assert.Equal(-100, surrogate.Intercept, 8);
        var sparse = ContextAttribution.FitSurrogate(likelihood, ContextAblationMasks.Sample(4, 64, 3), relativeAlpha: 0.3);
        Assert.Equal(0, sparse.Weights[1]);
        Assert.True(sparse.Weights[3] > sparse.Weights[0] && sparse.Weights[0] > 0);
    }

    private sealed class AdditiveLikelihood(double baseline, double[] effects) : IAnswerLikelihood
    {
        public int DocumentCount => effects.Length;

        public double LogProbability(ReadOnlySpan<bool> kept)
        {
            var y = baseline;
            for (var d = 0; d < kept.Length; d++) if (kept[d]) y += effects[d];
            return y;
        }
    }
}
