namespace OpenLedger.Actors.Sdk.Requests;

/// <summary>Create a Datanet (the API key's account becomes its owner and curator). The same request again answers the Datanet.</summary>
public sealed record CreateDatanetRequest(string DatanetId, string Name, string Summary, string Description, IReadOnlyList<string> Tags, string Modality, int Dimension, int ClassCount);

/// <summary>One row offered to a Datanet.</summary>
public sealed record ContributionRow(double[] Features, int Label);

/// <summary>Submit rows as the key's account; <see cref="SubmissionId"/> makes a repeat submit nothing twice.</summary>
public sealed record SubmitContributionsRequest(string DatanetId, string SubmissionId, IReadOnlyList<ContributionRow> Rows);

/// <summary>Submit documents to a text Datanet as the key's account; <see cref="SubmissionId"/> makes a repeat submit nothing twice.
/// <see cref="Labels"/>, for a Datanet with classes: one label per document (a text classifier's training labels).</summary>
public sealed record SubmitDocumentsRequest(string DatanetId, string SubmissionId, IReadOnlyList<string> Documents, IReadOnlyList<int>? Labels = null);

/// <summary>Register an external language model on a published text Datanet version, owned by the key's account.</summary>
public sealed record RegisterLanguageModelRequest(string ModelId, string DatanetId, int DatanetVersion, long FeePerInference);

/// <summary>Register a RAG model on a published text Datanet version, owned by the key's account; <paramref name="Retrieval"/>
/// is <c>bm25</c> (null: the default) or <c>hybrid</c>.</summary>
public sealed record RegisterRagModelRequest(string ModelId, string DatanetId, int DatanetVersion, long FeePerInference, string? Retrieval = null);

/// <summary>
/// Approve (or reject) pending rows (a curator's call). <paramref name="Reason"/>: with a rejection only (≤ 200 characters;
/// <c>text.too_long</c>; on an approval <c>review.reason_on_approval</c>), listed with the rows by <c>ListRejectionsAsync</c>.
/// </summary>
public sealed record ReviewContributionsRequest(string DatanetId, IReadOnlyList<long> RowIds, bool Approve, string? Reason = null);

/// <summary>Train the built-in model on a published Datanet version, owned by the key's account.</summary>
public sealed record TrainModelRequest(string ModelId, string DatanetId, int DatanetVersion, long FeePerInference, double? Lambda = null);

/// <summary>
/// Register an externally trained model, owned by the key's account, on a published Datanet version: its training
/// rows (<see cref="RowIds"/>) and their representations (<see cref="Embeddings"/>, row-major, <see cref="EmbeddingSize"/>
/// floats per row), against which inferences' representations are attributed.
/// </summary>
public sealed record RegisterExternalModelRequest(string ModelId, string DatanetId, int DatanetVersion, long FeePerInference, long[] RowIds, int EmbeddingSize, float[] Embeddings);
