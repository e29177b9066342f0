namespace OpenLedger.Actors.Sdk.Models;

public sealed record Session(string SessionId, string PayerAccount, string ModelId, int TopK, DateTimeOffset OpenedAt);

/// <summary>One training row's influence on the answer and its share of the contributors' part of the fee.</summary>
public sealed record Influence(long RowId, string Contributor, string ContentHash, double Score, double Weight);

/// <summary>One line of the fee's ledger transfer.</summary>
public sealed record Posting(string DebitAccount, string CreditAccount, long Amount, string Code);

/// <summary>A span of a language model's output found verbatim in its corpus: token and character ranges, corpus count, the rows holding it.</summary>
public sealed record TextSpan(int TokenStart, int TokenLength, int CharStart, int CharEnd, long Count, long[] RowIds, long SurprisalQ16);

/// <summary>A language model's receipt part: the spans, each output token's weight, the total and unattributed weight, the query's parameters.</summary>
public sealed record TextAttribution(int OutputTokens, IReadOnlyList<TextSpan> Spans, long[] TokenWeightsQ16, long TotalWeight, long UnattributedWeight,
    long CorpusTokens, int MinTokens, int MaxOccurrences, int MaxSpans, int CandidateSpans, int DroppedAsCommon, string? PromptHash);

/// <summary>A RAG answer's document: its place in the context, retrieval scores (a hybrid model's also its embedding rank and
/// best passage's cosine), surrogate weight (nats), span weight and units.</summary>
public sealed record RagDocument(long RowId, int Position, double FusedScore, int? Bm25Rank, double Bm25Score, double SurrogateWeight, long SpanWeight, long Units,
    int? EmbeddingRank = null, double Cosine = 0);

/// <summary>A RAG model's receipt part (method <c>context-cite/ngram-jm</c>): hashes, retrieval, the documents, the language
/// model and ablation parameters, ln P with all and no documents, the surrogate's intercept, spans and units; a hybrid model's
/// embedder (null for BM25 only).</summary>
public sealed record RagAttribution(string QuestionHash, string AnswerHash, int AnswerTokens, string Retrieval, IReadOnlyList<RagDocument> Documents,
    string LanguageModel, int Order, double Lambda, string Seed, int Masks, double KeepProbability, double RelativeAlpha, double Alpha, double SpanShare,
    double FullLogProbability, double EmptyLogProbability, double Intercept, IReadOnlyList<TextSpan> Spans, long SpanTotalWeight, long TotalUnits, long UnattributedUnits,
    string? Embedder = null);

/// <summary>Why the answer cost what it did and who was paid: the influences and the exact postings of the fee
/// (for a language model also <see cref="Text"/>, the spans found verbatim in its corpus; for a RAG model
/// <see cref="Rag"/>, the context attribution).</summary>
/// <remarks><see cref="LossLabel"/> and <see cref="QueryLoss"/> (the label the query's loss was taken against, and that loss)
/// are part of what the transparency log commits to, so a typed receipt carries every field its digest needs.</remarks>
public sealed record AttributionReceipt(string ModelId, string DatanetId, int DatanetVersion, string Method, int TopK, IReadOnlyList<Influence> Influences,
    long Fee, IReadOnlyList<Posting> Postings, string LedgerTransferId, int ParameterVersion, TextAttribution? Text = null, RagAttribution? Rag = null,
    int LossLabel = 0, double QueryLoss = 0);

public sealed record InferenceResult(string InferenceId, string SessionId, int PredictedClass, double[] Probabilities, AttributionReceipt Receipt, DateTimeOffset CompletedAt);
