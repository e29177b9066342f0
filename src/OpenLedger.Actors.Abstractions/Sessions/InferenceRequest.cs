namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>
/// One inference. <paramref name="IdempotencyKey"/> is chosen by the caller: the same key with the same
/// request returns the original result and charges nothing more; with a different request it is a conflict.
/// <paramref name="Label"/>, when given, is the label the query loss (and so the attribution) is taken against;
/// otherwise the predicted class is used. For an external model (<c>ModelKinds.ExternalEmbedding</c>) the
/// caller supplies the query's <paramref name="Representation"/> (the model's embedding) and, as
/// <paramref name="Label"/>, the class the model answered; <paramref name="Features"/> may then be empty.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.inference-request")]
public sealed record InferenceRequest(
    [property: Id(0)] string IdempotencyKey,
    [property: Id(1)] double[] Features,
    [property: Id(2)] int? Label = null,
    [property: Id(3)] float[]? Representation = null)
{
    /// <summary>For a language model (<c>ModelKinds.LanguageModel</c>): the generated text to attribute; for a text classifier
    /// (<c>ModelKinds.TextClassifier</c>): the text to classify, embedded like the training documents (features then empty).</summary>
    [Id(4)] public string? Text { get; init; }

    /// <summary>For a language model: the prompt the text answers (hashed into the receipt; not attributed).</summary>
    [Id(5)] public string? Prompt { get; init; }

    /// <summary>For a RAG model (<c>ModelKinds.Rag</c>): the question; <see cref="Text"/> is then the answer.</summary>
    [Id(6)] public string? Question { get; init; }

    /// <summary>For a RAG model: the rows (documents of the model's version) the answer was generated from, in context
    /// order (at most 16, distinct). Without them the model retrieves <see cref="Retrieve"/> documents for the question.</summary>
    [Id(7)] public long[]? RowIds { get; init; }

    /// <summary>For a RAG model without <see cref="RowIds"/>: how many documents to retrieve (1 to 16; 6 when null).</summary>
    [Id(8)] public int? Retrieve { get; init; }
}
