namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// One document of a RAG answer's context: its row, its place in the context (1-based), its retrieval scores for the
/// question (BM25 over the version and its rank there, null when outside the top candidates; for a hybrid model also the
/// embedding ranking's rank and the best passage's cosine; the fused score is reciprocal rank fusion over the rankings
/// used), its context-attribution surrogate weight (nats), its span weight (Q16 bits) and its units of the answer (out of
/// <see cref="RagAttribution.TotalUnits"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.rag-document")]
public sealed record RagDocument(
    [property: Id(0)] long RowId,
    [property: Id(1)] int Position,
    [property: Id(2)] double FusedScore,
    [property: Id(3)] int? Bm25Rank,
    [property: Id(4)] double Bm25Score,
    [property: Id(5)] double SurrogateWeight,
    [property: Id(6)] long SpanWeight,
    [property: Id(7)] long Units,
    [property: Id(8)] int? EmbeddingRank = null,
    [property: Id(9)] double Cosine = 0);

/// <summary>
/// The context-attribution part of a RAG model's receipt (method <c>context-cite/ngram-jm</c>) — everything needed to
/// re-check it: the question's and answer's SHA-256 and the answer's token count; who chose the documents
/// (<see cref="Retrieval"/>: <c>client</c>, <c>bm25</c> or <c>hybrid</c>; <see cref="Embedder"/> names a hybrid model's
/// embedder and passages, null for BM25 only) and the documents; the language model (n-gram order K,
/// λ) and the ablations (seed, m masks, keep probability p, LASSO α relative to the scores' deviation and absolute);
/// ln P(answer) with every document and with none; the surrogate's intercept (the documents' weights are on
/// <see cref="RagDocument"/>); the verbatim spans (as a language model's receipt shows them, row ids of the documents)
/// and their total weight; the units: each document's, and <see cref="UnattributedUnits"/>, whose share of the
/// contributors' fee goes to the protocol. The receipt's influences are the documents with units (score = units).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.rag-attribution")]
public sealed record RagAttribution(
    [property: Id(0)] string QuestionHash,
    [property: Id(1)] string AnswerHash,
    [property: Id(2)] int AnswerTokens,
    [property: Id(3)] string Retrieval,
    [property: Id(4)] IReadOnlyList<RagDocument> Documents,
    [property: Id(5)] string LanguageModel,
    [property: Id(6)] int Order,
    [property: Id(7)] double Lambda,
    [property: Id(8)] string Seed,
    [property: Id(9)] int Masks,
    [property: Id(10)] double KeepProbability,
    [property: Id(11)] double RelativeAlpha,
    [property: Id(12)] double Alpha,
    [property: Id(13)] double SpanShare,
    [property: Id(14)] double FullLogProbability,
    [property: Id(15)] double EmptyLogProbability,
    [property: Id(16)] double Intercept,
    [property: Id(17)] IReadOnlyList<TextSpan> Spans,
    [property: Id(18)] long SpanTotalWeight,
    [property: Id(19)] long TotalUnits,
    [property: Id(20)] long UnattributedUnits,
    [property: Id(21)] string? Embedder = null);
