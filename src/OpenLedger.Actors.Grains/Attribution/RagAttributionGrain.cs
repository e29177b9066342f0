using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using OpenLedger.Actors.Grains.Models;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// Context attribution of a RAG model's answers (<see cref="IRagAttributionGrain"/>). Once per activation it reads the
/// model's <see cref="RetrievalIndexManifest"/>: the BM25 index (<see cref="Bm25IndexFormat"/>) and the version's
/// documents (tokens, contributor, content hash; unigram counts for span surprisal). A query is checked
/// (<see cref="RagInferenceRules"/>), its documents are the client's rows (each must be in the version) or the top n of
/// the model's retrieval for the question: BM25 alone, or for a hybrid model (<see cref="RagRetrievalModes.Hybrid"/>)
/// BM25 and the best-passage cosine of the question's embedding (<see cref="EmbeddingSimilarityIndex"/>, the
/// <see cref="ITextEmbedder"/> the index was built with), fused by reciprocal rank as <see cref="HybridRetriever"/> fuses them. The
/// receipt records each document's ranks and scores; retrieval only chooses the documents, so a receipt is re-checked
/// from the documents it names even where another machine's embedder rounds differently. Then <see cref="ContextAttribution"/> — <see cref="InterpolatedNGramModel"/> (order 4, λ 0.7),
/// m = 32 masks kept with p = ½ drawn from the inference's seed (<see cref="ContextAttributionSeed"/>), LASSO, spans —
/// and <see cref="RagRewardRule"/> give the documents' units. Bounded by the rules (≤ 16 documents, ≤ 1,024 answer
/// tokens) it takes tens of milliseconds (plus one question embedding, tens more, for a hybrid model), so it runs inside
/// the call. In memory while active: the documents' tokens (2 bytes each), the BM25 postings, the row table and a hybrid
/// model's passage vectors (12 bytes per dimension per passage: the stored floats and their unit-length doubles).
/// </summary>
public sealed class RagAttributionGrain(IArtifactStore artifacts, ITextEmbedder embedder, ILogger<RagAttributionGrain> logger) : Grain, IRagAttributionGrain
{
    public const string ContextCiteMethod = "context-cite/ngram-jm";
    public const string ClientRetrieval = "client";
    public const string Bm25Retrieval = RagRetrievalModes.Bm25;
    public const string HybridRetrieval = RagRetrievalModes.Hybrid;

    /// <summary>How a hybrid model's job cuts documents for the embedder: MiniLM's 500-character window, the first 8 of a
    /// document (4,000 characters; a longer document is found by its start and by BM25 over all of it).</summary>
    public static readonly PassageOptions Passages = new(500, 8);
    /// <summary>How deep the BM25 ranking goes for fused scores and ranks (the top n are its head).</summary>
    public const int RankingDepth = 100;
    private static readonly TimeSpan PrepareWait = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan QueryWait = TimeSpan.FromSeconds(20);
    private static readonly InterpolatedNGramModel LanguageModel = new();

    private LoadedOnce<LoadedRetrievalIndex>? _index;

    private LoadedOnce<LoadedRetrievalIndex> Index => _index ??= new(LoadAsync);

    private string ModelId => this.GetPrimaryKeyString();

    public Task<bool> PrepareIndexAsync() => Index.IsLoadedAfterAsync(PrepareWait);

    public async Task CheckRowsAsync(long[] rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        var index = await LoadedAsync();
        CheckRows(index, rowIds);
    }

    public async Task<AttributionResult> AttributeAnswerAsync(RagQuery query)
    {
        if (query is null) throw OpenLedgerException.Validation("request.missing", "A RAG query is required.");
        var (answer, problem) = RagInferenceRules.Check(query.Question, query.Answer, query.RowIds, query.RowIds is null ? query.Retrieve : null);
        Guard.Valid(problem);
        var index = await LoadedAsync();

        var ranking = index.Bm25.Search(query.Question, RankingDepth);
        var dense = index.Dense?.Search(query.Question, RankingDepth);
        var fusedRanking = ReciprocalRankFusion.Fuse(dense is null ? [ranking] : [ranking, dense]);
        var fused = fusedRanking.ToDictionary(f => f.RowId, f => f.Score);
        IReadOnlyList<long> rows;
        if (query.RowIds is { } chosen)
        {
            CheckRows(index, chosen);
            rows = chosen;
        }
        else
        {
            rows = fusedRanking.Take(query.Retrieve).Select(r => r.RowId).ToList(); // one ranking alone: BM25's order
            if (rows.Count == 0)
                throw OpenLedgerException.Validation("inference.nothing_retrieved", "No document of the model's version shares a word with the question; send the rows the answer was generated from.");
        }

        var documents = rows.Select(row => new IndexedDocument(row, index.Tokens[row])).ToList();
        var options = ContextAttributionOptions.Default with { Seed = ContextAttributionSeed.Of(query.InferenceId) };
        var tokenized = Gpt2TextTokenizer.Shared.Tokenize(answer!);
        var result = ContextAttribution.Attribute(documents, tokenized, LanguageModel, options, int.MaxValue, index.Surprisal);

        var units = result.Weights.Documents.ToDictionary(d => d.RowId, d => d.Weight);
        var spanWeights = result.SpanWeights.Documents.Concat(result.SpanWeights.PooledDocuments).ToDictionary(d => d.RowId, d => d.Weight);
        var ranks = RanksOf(ranking);
        var denseRanks = dense is null ? null : RanksOf(dense);
        var context = rows.Select((row, d) => new RagDocument(row, d + 1, fused.GetValueOrDefault(row),
            ranks.TryGetValue(row, out var r) ? r.Rank : null, ranks.TryGetValue(row, out var s) ? s.Score : 0,
            result.Surrogate.Weights[d], spanWeights.GetValueOrDefault(row), units.GetValueOrDefault(row),
            denseRanks is not null && denseRanks.TryGetValue(row, out var e) ? e.Rank : null,
            denseRanks is not null && denseRanks.TryGetValue(row, out var c) ? c.Score : 0)).ToList();
        var rag = new RagAttribution(Sha256(query.Question), Sha256(query.Answer), tokenized.Count,
            query.RowIds is not null ? ClientRetrieval : dense is null ? Bm25Retrieval : HybridRetrieval, context,
            LanguageModel.Name, LanguageModel.Order, LanguageModel.Lambda, options.Seed.ToString("x16", CultureInfo.InvariantCulture),
            options.Masks, options.KeepProbability, options.RelativeAlpha, result.Surrogate.Alpha, options.SpanShare,
            result.FullLogProbability, result.EmptyLogProbability, result.Surrogate.Intercept,
            TextReceiptParts.Spans(result.Spans), result.SpanWeights.TotalWeight, result.Weights.TotalWeight, result.Weights.UnattributedWeight,
            index.Dense is null ? null : EmbedderDescription(index.Dense));
        return new AttributionResult(0, [], 0, 0, ContextCiteMethod, TextReceiptParts.Influences(result.Weights, index.Rows)) { Rag = rag };
    }

    private static Dictionary<long, (int Rank, double Score)> RanksOf(IReadOnlyList<ScoredDocument> ranking) =>
        ranking.Select((r, i) => (r.RowId, Rank: i + 1, r.Score)).ToDictionary(r => r.RowId, r => (r.Rank, r.Score));

    /// <summary>What a hybrid receipt names as its dense retrieval: the embedder and how documents were cut.</summary>
    private static string EmbedderDescription(EmbeddingSimilarityIndex dense) =>
        $"{dense.Embedder.Name}; passages of {dense.Passages.MaxCharacters} characters, {dense.Passages.PerDocument} per document; best passage; rrf k {ReciprocalRankFusion.DefaultK}";

    private static void CheckRows(LoadedRetrievalIndex index, IEnumerable<long> rowIds)
    {
        foreach (var row in rowIds)
        {
            if (!index.Tokens.ContainsKey(row))
                throw OpenLedgerException.Validation("inference.row_not_found", $"Row {row} is not a document of the model's Datanet version.");
        }
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private Task<LoadedRetrievalIndex> LoadedAsync() => Index.GetAsync(QueryWait,
        () => OpenLedgerException.NotReady("attribution.index_building", $"The retrieval index of model '{ModelId}' is still loading; retry shortly."));

    private async Task<LoadedRetrievalIndex> LoadAsync()
    {
        var model = await GrainFactory.GetGrain<IModelTrainingSink>(ModelId).GetTrainedAsync();
        if (model.Kind != ModelKinds.Rag)
            throw OpenLedgerException.Validation("model.not_rag", $"Model '{ModelId}' is not a RAG model (it is '{model.Kind}').");
        var manifest = RetrievalIndexManifest.Decode(await artifacts.GetAsync(model.ArtifactKey));
        var bm25Bytes = await artifacts.GetAsync(manifest.Bm25Key);
        var bm25 = await Task.Run(() => Bm25IndexFormat.Read(bm25Bytes));
        EmbeddingSimilarityIndex? dense = null;
        if (manifest.EmbeddingKey is { } embeddingKey)
        {
            var denseBytes = await artifacts.GetAsync(embeddingKey);
            dense = await Task.Run(() => EmbeddingIndexFormat.Read(denseBytes, embedder));
        }
        var corpus = TextVersionCorpus.Decode(await artifacts.GetAsync(manifest.VersionArtifactKey));
        var tokens = new Dictionary<long, ushort[]>(corpus.RowCount);
        var counts = new long[Gpt2TextTokenizer.VocabularySize];
        for (var i = 0; i < corpus.RowCount; i++)
        {
            tokens[corpus.RowIds[i]] = corpus.Tokens[i];
            foreach (var token in corpus.Tokens[i]) counts[token]++;
        }
        logger.LogInformation("Loaded the retrieval index of RAG model {ModelId}: {Documents} documents, {Tokens} tokens, {Passages} embedded passages",
            ModelId, manifest.DocumentCount, manifest.TokenCount, dense?.PassageCount ?? 0);
        return new LoadedRetrievalIndex(bm25, dense, tokens, corpus.RowTable(), new UnigramSurprisal(counts));
    }

    private sealed record LoadedRetrievalIndex(
        Bm25Index Bm25,
        EmbeddingSimilarityIndex? Dense,
        IReadOnlyDictionary<long, ushort[]> Tokens,
        IReadOnlyDictionary<long, (string Contributor, string Hash)> Rows,
        UnigramSurprisal Surprisal);
}
