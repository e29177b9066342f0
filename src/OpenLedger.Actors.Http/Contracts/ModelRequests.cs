namespace OpenLedger.Actors.Http.Contracts;

/// <summary>Train the built-in model, owned by the caller's account, on a published Datanet version (default: the latest).</summary>
public sealed record TrainModelBody(string DatanetId, long FeePerInference, int? DatanetVersion = null, double? Lambda = null);

/// <summary>Register an external language model, owned by the caller's account, trained on a published text Datanet version.</summary>
public sealed record RegisterLanguageModelBody(string DatanetId, int DatanetVersion, long FeePerInference);

/// <summary>Register a retrieval-augmented generator, owned by the caller's account, on a published text Datanet version;
/// <c>retrieval</c> is <c>bm25</c> (the default) or <c>hybrid</c> (BM25 and MiniLM passage embeddings, fused by rank).</summary>
public sealed record RegisterRagModelBody(string DatanetId, int DatanetVersion, long FeePerInference, string? Retrieval = null);

/// <summary>Register an externally trained model owned by the caller's account (manifest rows and their embeddings).</summary>
public sealed record RegisterExternalModelBody(
    string DatanetId,
    int DatanetVersion,
    long FeePerInference,
    long[] RowIds,
    int EmbeddingSize,
    float[] Embeddings);
