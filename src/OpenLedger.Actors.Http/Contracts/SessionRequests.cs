namespace OpenLedger.Actors.Http.Contracts;

/// <summary>Open a session against a model, paid from the caller's account.</summary>
public sealed record OpenSessionRequest(string ModelId, int? TopK = null);

/// <summary>
/// One inference. The <c>Idempotency-Key</c> header is required and is the inference's key: the same key and
/// request answer the stored result and charge nothing more.
/// </summary>
/// For a language model send <c>text</c> (the generated text) and optionally <c>prompt</c>, and no features. For a RAG model
/// send <c>question</c>, <c>text</c> (the answer) and optionally <c>rowIds</c> (the documents the answer was generated from,
/// at most 16) or <c>retrieve</c> (how many documents the model retrieves, 1 to 16; 6 by default).
public sealed record InferBody(double[]? Features = null, int? Label = null, float[]? Representation = null, string? Text = null, string? Prompt = null,
    string? Question = null, long[]? RowIds = null, int? Retrieve = null);
