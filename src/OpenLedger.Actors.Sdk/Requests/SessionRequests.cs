namespace OpenLedger.Actors.Sdk.Requests;

/// <summary>Open a session against a model, paid by the key's account.</summary>
public sealed record OpenSessionRequest(string SessionId, string ModelId, int? TopK = null);

/// <summary>
/// One inference in a session. <see cref="Key"/> is its idempotency key: the same key and request answer the stored
/// result and charge nothing more; choose a new key for a new question.
/// </summary>
public sealed record InferRequest(string SessionId, string Key, double[] Features, int? Label = null, float[]? Representation = null)
{
    /// <summary>For a language model: the generated text (send empty features).</summary>
    public string? Text { get; init; }

    /// <summary>For a language model: the prompt the text answers.</summary>
    public string? Prompt { get; init; }
}

/// <summary>
/// One RAG inference in a session: the question, the answer generated from retrieved documents, and either the rows the
/// answer was generated from (at most 16) or how many documents the model retrieves (1 to 16; 6 by default).
/// <see cref="Key"/> is its idempotency key, as for <see cref="InferRequest"/>.
/// </summary>
public sealed record InferRagRequest(string SessionId, string Key, string Question, string Answer, long[]? RowIds = null, int? Retrieve = null);
