using System.Globalization;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using Xunit.Abstractions;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

/// <summary>
/// The surrogate against exact leave-one-out, Shapley values and all-subsets LDS on retrieval-augmented answers over the
/// bundled linux-doc slice (README: "Retrieval-augmented answers (issue 16, part 3)"). Prints the figures.
/// </summary>
public sealed class RagAttributionQualityTests(ITestOutputHelper output)
{
    private const int Answers = 24;
    private const int Retrieved = 6;

    private static readonly string[] NovelPhrases =
    [
        "In short, here is what the documentation says.",
        "Put differently, and this matters for most setups:",
        "My own reading of that is simple enough.",
        "That said, keep the following in mind as well:",
        "Hope that answers your question about the kernel.",
        "Before going further, a quick summary helps.",
        "On top of that, the next point is worth noting:",
    ];

    /// <summary>An answer mixing 1–3 passages of retrieved documents with novel sentences, and the retrieved documents.</summary>
    internal static (IReadOnlyList<IndexedDocument> Documents, TokenizedText Answer, int[] Sources) ComposeAnswer(HybridRetriever retriever, Random random)
    {
        var corpus = BundledText.Documents;
        var tokenizer = Gpt2TextTokenizer.Shared;
        var asked = corpus[random.Next(corpus.Count)].Text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
        var from = random.Next(Math.Max(1, asked.Length - 12));
        var question = string.Join(' ', asked.Skip(from).Take(12));
        var retrieved = retriever.Retrieve(question, Retrieved);
        var documents = retrieved.Select(r => BundledText.Indexed[(int)r.RowId]).ToList();

        var sources = Enumerable.Range(0, documents.Count).OrderBy(_ => random.Next()).Take(random.Next(1, 4)).Order().ToArray();
        var text = new List<string> { NovelPhrases[random.Next(NovelPhrases.Length)] };
        foreach (var s in sources.OrderBy(_ => random.Next()))
        {
            var tokens = documents[s].Tokens;
            var length = Math.Min(tokens.Length, random.Next(15, 41));
            var start = random.Next(tokens.Length - length + 1);
            text.Add(tokenizer.Decode(tokens.AsSpan(start, length)).Trim());
            text.Add(NovelPhrases[random.Next(NovelPhrases.Length)]);
        }
        return (documents, tokenizer.Tokenize(string.Join(' ', text)), sources);
    }

    [Fact]
    public void The_surrogate_agrees_with_exact_leave_one_out_and_all_subsets()
    {
        const int seed = 16_601;
        var documents = BundledText.Documents.Select((d, row) => new RetrievalDocument(row, TextDocument.Create(d.Text).Document!.Text)).ToList();
        var retriever = HybridRetriever.Build(documents, new HashingTextEmbedder(), HybridRetrievalOptions.Default);
        var model = new InterpolatedNGramModel();
        output.WriteLine($"model {model.Name}; {Answers} answers, {Retrieved} retrieved documents each; seed {seed}");
        output.WriteLine("masks | LDS held-out | LDS all 64 | LOO-as-model LDS | top-1 vs LOO | top-3 vs LOO | top-1 vs Shapley | attributed share | answer tokens | retrieved tokens | attribution ms (wall)");

        ContextAttributionAgreement[]? atDefault = null;
        foreach (var masks in new[] { 16, 32, 64 })
        {
            var random = new Random(seed);
            var agreements = new List<ContextAttributionAgreement>();
            double attributed = 0, tokens = 0, elapsed = 0, retrievedTokens = 0;
            for (var a = 0; a < Answers; a++)
            {
                var (retrieved, answer, sources) = ComposeAnswer(retriever, random);
                var options = ContextAttributionOptions.Default with { Masks = masks, Seed = (ulong)(seed + a) };
                var clock = System.Diagnostics.Stopwatch.StartNew();
                var result = ContextAttribution.Attribute(retrieved, answer, model, options);
                elapsed += clock.Elapsed.TotalMilliseconds;
                retrievedTokens += retrieved.Sum(d => d.Tokens.Length);
                var likelihood = model.Condition(retrieved, answer.Ids);
                var trainingMasks = ContextAblationMasks.Sample(retrieved.Count, masks, options.Seed, options.KeepProbability);
                var agreement = ContextAttributionQuality.Measure(likelihood, result.Surrogate, trainingMasks);
                agreements.Add(agreement);
                if (masks == ContextAttributionOptions.Default.Masks && agreement.Top1 == 0)
                {
                    string List(IEnumerable<double> values) => string.Join(", ", values.Select(v => v.ToString("F1", CultureInfo.InvariantCulture)));
                    output.WriteLine($"  answer {a}: quoted {string.Join(',', sources)}; leave-one-out drops [{List(agreement.LeaveOneOutDrops)}]; " +
                        $"surrogate [{List(result.Surrogate.Weights)}]; Shapley [{List(agreement.ShapleyValues)}]; rows [{string.Join(',', result.RowIds)}]");
                }
                attributed += 1 - result.Weights.UnattributedWeight / (double)RagRewardRule.TotalWeight;
                tokens += answer.Count;
                Assert.Equal(RagRewardRule.TotalWeight, result.Weights.PaidWeight + result.Weights.PoolWeight + result.Weights.UnattributedWeight);
                // The heaviest leave-one-out document is one the answer quoted.
                var heaviest = Enumerable.Range(0, retrieved.Count).MaxBy(d => agreement.LeaveOneOutDrops[d]);
                Assert.True(sources.Contains(heaviest), $"seed {seed}, answer {a}: leave-one-out's top document {heaviest} was not quoted ({string.Join(',', sources)})");
            }
            string F(double x) => x.ToString("F3", CultureInfo.InvariantCulture);
            output.WriteLine($"{masks} | {F(agreements.Average(g => g.Lds))} | {F(agreements.Average(g => g.LdsAllSubsets))} | {F(agreements.Average(g => g.LeaveOneOutLds))} | " +
                $"{F(agreements.Average(g => g.Top1))} | {F(agreements.Average(g => g.Top3Overlap))} | {F(agreements.Average(g => g.Top1Shapley))} | {F(attributed / Answers)} | {tokens / Answers:F0} | {retrievedTokens / Answers:F0} | {elapsed / Answers:F1}");
            if (masks == ContextAttributionOptions.Default.Masks) atDefault = [.. agreements];
        }

        Assert.NotNull(atDefault);
        Assert.True(atDefault.Average(g => g.Lds) >= 0.9, "LDS on held-out subsets below 0.9");
        Assert.True(atDefault.Average(g => g.Top1) >= 0.85, "top-1 agreement with leave-one-out below 0.85");
        Assert.True(atDefault.Average(g => g.Top3Overlap) >= 0.75, "top-3 overlap with leave-one-out below 0.75");
    }

    [Fact]
    public void Shapley_values_add_up_to_the_gain_of_the_whole_context()
    {
        var documents = BundledText.Indexed.Skip(100).Take(5).ToList();
        var answer = documents[1].Tokens.AsSpan(10, 30).ToArray().Concat(documents[4].Tokens.AsSpan(50, 30).ToArray()).ToArray();
        var likelihood = new InterpolatedNGramModel().Condition(documents, answer);
        var values = ContextAblationMasks.All(5).Select(s => likelihood.LogProbability(s)).ToArray();
        var shapley = ContextAttributionQuality.Shapley(values, 5);
        Assert.Equal(values[^1] - values[0], shapley.Sum(), 9);
        Assert.True(shapley[1] > shapley[0] && shapley[4] > shapley[2]);
    }
}
