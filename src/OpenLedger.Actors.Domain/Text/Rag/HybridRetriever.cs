namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>How a <see cref="HybridRetriever"/> searches.</summary>
/// <param name="Bm25">BM25's k1 and b.</param>
/// <param name="FusionK">Reciprocal rank fusion's k.</param>
/// <param name="CandidatesPerRanking">How deep each ranking (BM25, embeddings) goes before fusion.</param>
/// <param name="Passages">How documents are cut for the embedder (<see cref="PassageOptions"/>); one passage by default.</param>
public sealed record HybridRetrievalOptions(Bm25Parameters Bm25, int FusionK = ReciprocalRankFusion.DefaultK, int CandidatesPerRanking = 100, PassageOptions? Passages = null)
{
    public static HybridRetrievalOptions Default { get; } = new(Bm25Parameters.Default);

    public PassageOptions PassageCut => Passages ?? PassageOptions.FirstWindow;

    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Bm25, nameof(Bm25));
        Bm25.Validate();
        ArgumentOutOfRangeException.ThrowIfNegative(FusionK, nameof(FusionK));
        ArgumentOutOfRangeException.ThrowIfLessThan(CandidatesPerRanking, 1, nameof(CandidatesPerRanking));
        PassageCut.Validate();
    }
}

/// <summary>A retrieved document: its fused score and where each ranking placed it (1-based; null: not in its top candidates).</summary>
public sealed record RetrievedDocument(long RowId, double FusedScore, int? Bm25Rank, double Bm25Score, int? EmbeddingRank, double Cosine);

/// <summary>
/// Hybrid retrieval over a text Datanet version: BM25 over words (<see cref="Bm25Index"/>) and cosine similarity of
/// sentence embeddings (<see cref="EmbeddingSimilarityIndex"/>), each taken to
/// <see cref="HybridRetrievalOptions.CandidatesPerRanking"/> candidates, fused by <see cref="ReciprocalRankFusion"/>;
/// the top n returned, best first, equal fused scores by row id. Deterministic for a deterministic embedder.
/// </summary>
public sealed class HybridRetriever
{
    private HybridRetriever(Bm25Index keywords, EmbeddingSimilarityIndex embeddings, HybridRetrievalOptions options)
    {
        Keywords = keywords;
        Embeddings = embeddings;
        Options = options;
    }

    public Bm25Index Keywords { get; }

    public EmbeddingSimilarityIndex Embeddings { get; }

    public HybridRetrievalOptions Options { get; }

    public static HybridRetriever Build(IReadOnlyList<RetrievalDocument> documents, ITextEmbedder embedder, HybridRetrievalOptions? options = null)
    {
        options ??= HybridRetrievalOptions.Default;
        options.Validate();
        return new HybridRetriever(Bm25Index.Build(documents, options.Bm25), EmbeddingSimilarityIndex.Build(embedder, documents, options.PassageCut), options);
    }


    public IReadOnlyList<RetrievedDocument> Retrieve(string query, int top)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var keyword = Keywords.Search(query, Options.CandidatesPerRanking);
        var dense = Embeddings.Search(query, Options.CandidatesPerRanking);
        var fused = ReciprocalRankFusion.Fuse([keyword, dense], Options.FusionK);
        return fused.Take(top).Select(f => new RetrievedDocument(
            f.RowId,
            f.Score,
            RankOf(keyword, f.RowId, out var bm25),
            bm25,
            RankOf(dense, f.RowId, out var cosine),
            cosine)).ToList();
    }

    private static int? RankOf(IReadOnlyList<ScoredDocument> ranking, long rowId, out double score)
    {
        for (var r = 0; r < ranking.Count; r++)
        {
            if (ranking[r].RowId != rowId) continue;
            score = ranking[r].Score;
            return r + 1;
        }
        score = 0;
        return null;
    }
}
