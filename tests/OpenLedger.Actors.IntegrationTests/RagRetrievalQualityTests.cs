using System.Diagnostics;
using System.Globalization;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Text;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Hybrid retrieval (issue 16, part 3) with the silo's real embedder (MiniLM) over the bundled linux-doc slice: how often
/// BM25 alone, MiniLM alone and their reciprocal-rank fusion find the document a question was taken from. Two kinds of
/// question: 12 consecutive words from a random place of a document, and a document's title. Prints the figures
/// (README: "Retrieval-augmented answers").
/// </summary>
public sealed class RagRetrievalQualityTests(ITestOutputHelper output)
{
    [Fact]
    public void Fusion_finds_the_source_document_at_least_as_often_as_the_weaker_ranking()
    {
        var documents = Documents();
        var started = Stopwatch.GetTimestamp();
        var retriever = HybridRetriever.Build(documents, new MiniLmTextEmbedder(), HybridRetrievalOptions.Default);
        output.WriteLine($"{documents.Count} documents embedded and indexed in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");

        var hybridHits = new Dictionary<string, double>();
        output.WriteLine("questions | ranking | hit@1 | hit@6 | MRR@6");
        foreach (var (kind, questions) in Questions(documents))
        {
            var perRanking = Measure(retriever, kind, questions);
            hybridHits[kind] = Hits(perRanking["hybrid (RRF)"]);
            var weaker = Math.Min(perRanking["BM25"].Count(r => r is not null), perRanking["MiniLM"].Count(r => r is not null));
            Assert.True(perRanking["hybrid (RRF)"].Count(r => r is not null) >= weaker, $"{kind}: fusion found fewer sources than the weaker ranking");
        }
        Assert.True(hybridHits["12 words"] >= 0.8, $"hybrid hit@6 on 12-word questions {hybridHits["12 words"]:F3}");
    }

    /// <summary>
    /// What a hybrid RAG model's passages (<see cref="RagAttributionGrain.Passages"/>: 500 characters, 8 per document, a
    /// document scored by its best passage) change against one window per document, on the same questions. Minutes of
    /// embedding (every passage of the slice), so a soak-tier measurement: <c>tests/soak.sh --filter RagRetrievalQuality</c>.
    /// </summary>
    [Fact, Trait("Category", "Soak")]
    public void Passage_embeddings_find_more_sources_than_one_window()
    {
        var documents = Documents();
        var embedder = new MiniLmTextEmbedder();
        var hits = new Dictionary<string, Dictionary<string, double>>();
        output.WriteLine("questions | ranking | hit@1 | hit@6 | MRR@6");
        foreach (var passages in new[] { PassageOptions.FirstWindow, RagAttributionGrain.Passages })
        {
            var started = Stopwatch.GetTimestamp();
            var retriever = HybridRetriever.Build(documents, embedder, HybridRetrievalOptions.Default with { Passages = passages });
            var label = $"{passages.PerDocument} × {passages.MaxCharacters}";
            output.WriteLine($"{label}: {retriever.Embeddings.PassageCount} passages of {documents.Count} documents embedded in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
            hits[label] = [];
            foreach (var (kind, questions) in Questions(documents))
            {
                var perRanking = Measure(retriever, $"{kind}, {label}", questions);
                hits[label][kind] = Hits(perRanking["MiniLM"]);
            }
        }
        Assert.True(hits["8 × 500"]["12 words"] > hits["1 × 500"]["12 words"], "passages find the source of a question from a document's middle more often");
    }

    private static List<RetrievalDocument> Documents()
    {
        var corpus = TextCorpusReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "text", "linux-doc-slice.jsonl"));
        return corpus.Select((d, row) => new RetrievalDocument(row, TextDocument.Create(d.Text).Document!.Text)).ToList();
    }

    /// <summary>Two kinds of question: 100 runs of 12 consecutive words from random documents (seeded), and every title.</summary>
    private static IEnumerable<(string Kind, List<(string Question, long Row)> Questions)> Questions(List<RetrievalDocument> documents)
    {
        const int seed = 16_701;
        var random = new Random(seed);
        var passages = new List<(string Question, long Row)>();
        for (var q = 0; q < 100; q++)
        {
            var row = random.Next(documents.Count);
            var words = documents[row].Text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries);
            var from = random.Next(Math.Max(1, words.Length - 12));
            passages.Add((string.Join(' ', words.Skip(from).Take(12)), row));
        }
        var titles = documents.Select(d => (Question: Title(d.Text), Row: d.RowId)).Where(t => t.Question is not null).Select(t => (t.Question!, t.Row)).ToList();
        return [("12 words", passages), ("title", titles)];
    }

    /// <summary>Each ranking's rank of every question's source (null: not in the top 6), printed as hit@1, hit@6 and MRR@6.</summary>
    private Dictionary<string, List<int?>> Measure(HybridRetriever retriever, string kind, List<(string Question, long Row)> questions)
    {
        var perRanking = new Dictionary<string, List<int?>> { ["BM25"] = [], ["MiniLM"] = [], ["hybrid (RRF)"] = [] };
        var started = Stopwatch.GetTimestamp();
        foreach (var (question, row) in questions)
        {
            perRanking["BM25"].Add(RankOf(retriever.Keywords.Search(question, 6).Select(s => s.RowId), row));
            perRanking["MiniLM"].Add(RankOf(retriever.Embeddings.Search(question, 6).Select(s => s.RowId), row));
            perRanking["hybrid (RRF)"].Add(RankOf(retriever.Retrieve(question, 6).Select(r => r.RowId), row));
        }
        var perQuery = Stopwatch.GetElapsedTime(started).TotalMilliseconds / questions.Count;
        foreach (var (ranking, ranks) in perRanking)
        {
            static string F(double x) => x.ToString("F3", CultureInfo.InvariantCulture);
            var mrr = ranks.Sum(r => r is { } k ? 1.0 / k : 0) / ranks.Count;
            output.WriteLine($"{kind} ({questions.Count}) | {ranking} | {F(ranks.Count(r => r == 1) / (double)ranks.Count)} | {F(Hits(ranks))} | {F(mrr)}");
        }
        output.WriteLine($"  {perQuery:F1} ms per question for the three searches (wall)");
        return perRanking;
    }

    private static double Hits(List<int?> ranks) => ranks.Count(r => r is not null) / (double)ranks.Count;

    private static int? RankOf(IEnumerable<long> rows, long row)
    {
        var rank = 1;
        foreach (var r in rows)
        {
            if (r == row) return rank;
            rank++;
        }
        return null;
    }

    /// <summary>The first line with a letter that is not a reStructuredText adornment or directive.</summary>
    private static string? Title(string text) =>
        text.Split('\n').Select(l => l.Trim())
            .FirstOrDefault(l => l.Any(char.IsLetter) && !l.StartsWith("..", StringComparison.Ordinal) && !l.StartsWith(':'));
}
