using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class InterpolatedNGramModelTests
{
    private const int V = Gpt2TextTokenizer.VocabularySize;

    /// <summary>The written model, computed the slow way: count every n-gram by scanning the kept documents.</summary>
    private static double NaiveProbability(IReadOnlyList<ushort[]> kept, ReadOnlySpan<ushort> history, ushort token, int order, double lambda)
    {
        var p = 1.0 / V;
        for (var k = 1; k <= Math.Min(order, history.Length + 1); k++)
        {
            var h = history[(history.Length - (k - 1))..];
            long gram = 0, context = 0;
            foreach (var document in kept)
            {
                for (var s = 0; s + k <= document.Length; s++)
                {
                    if (!document.AsSpan(s, k - 1).SequenceEqual(h)) continue;
                    context++;
                    if (document[s + k - 1] == token) gram++;
                }
            }
            if (context > 0) p = lambda * gram / context + (1 - lambda) * p;
        }
        return p;
    }

    private static double NaiveLogProbability(IReadOnlyList<ushort[]> kept, ushort[] answer, int order, double lambda)
    {
        double sum = 0;
        for (var i = 0; i < answer.Length; i++)
        {
            var history = answer.AsSpan(Math.Max(0, i - order + 1), Math.Min(i, order - 1));
            sum += Math.Log(NaiveProbability(kept, history, answer[i], order, lambda));
        }
        return sum;
    }

    [Fact]
    public void Every_mask_scores_as_naive_counting_over_the_kept_documents()
    {
        const int seed = 16_301;
        var random = new Random(seed);
        for (var trial = 0; trial < 40; trial++)
        {
            var alphabet = random.Next(2, 6);
            var documents = Enumerable.Range(0, random.Next(1, 6))
                .Select(d => new IndexedDocument(100 + d * 7, Enumerable.Range(0, random.Next(0, 40)).Select(_ => (ushort)random.Next(alphabet)).ToArray()))
                .ToList();
            var answer = Enumerable.Range(0, random.Next(1, 30)).Select(_ => (ushort)random.Next(alphabet + 1)).ToArray();
            var order = random.Next(1, 5);
            var lambda = 0.2 + 0.7 * random.NextDouble();
            var likelihood = new InterpolatedNGramModel(order, lambda).Condition(documents, answer);
            foreach (var mask in ContextAblationMasks.All(documents.Count))
            {
                var kept = documents.Where((_, d) => mask[d]).Select(d => d.Tokens).ToList();
                var expected = NaiveLogProbability(kept, answer, order, lambda);
                var actual = likelihood.LogProbability(mask);
                Assert.True(Math.Abs(expected - actual) <= 1e-9 * Math.Abs(expected), $"seed {seed}, trial {trial}: {actual} != {expected}");
            }
        }
    }

    [Fact]
    public void Probabilities_of_the_whole_vocabulary_sum_to_one()
    {
        var documents = BundledText.Indexed.Take(3).Select(d => d.Tokens).ToList();
        var history = documents[0].AsSpan(50, 3).ToArray();
        double sum = 0;
        for (var w = 0; w < V; w++) sum += NaiveProbability(documents, history, (ushort)w, 4, 0.7);
        Assert.Equal(1.0, sum, 9);
        // The scorer agrees with the reference on this history's continuations.
        var answer = documents[0].AsSpan(50, 4).ToArray();
        var likelihood = new InterpolatedNGramModel(4, 0.7).Condition(BundledText.Indexed.Take(3).ToList(), answer);
        Assert.Equal(NaiveLogProbability(documents, answer, 4, 0.7), likelihood.LogProbability([true, true, true]), 9);
    }

    [Fact]
    public void Masking_the_source_of_a_copied_passage_lowers_the_answer_probability()
    {
        var documents = BundledText.Indexed.Skip(30).Take(4).ToList();
        var answer = documents[2].Tokens.AsSpan(100, 60).ToArray();
        var likelihood = new InterpolatedNGramModel().Condition(documents, answer);
        var all = likelihood.LogProbability([true, true, true, true]);
        var withoutSource = likelihood.LogProbability([true, true, false, true]);
        var withoutOther = likelihood.LogProbability([true, false, true, true]);
        var none = likelihood.LogProbability([false, false, false, false]);
        Assert.True(all - withoutSource > 50, $"dropping the source cost only {all - withoutSource:F2} nats");
        Assert.True(Math.Abs(all - withoutOther) < (all - withoutSource) / 10);
        Assert.Equal(60 * Math.Log(1.0 / V), none, 9); // no context: the uniform floor
        Assert.Throws<ArgumentException>(() => likelihood.LogProbability([true]));
    }
}
