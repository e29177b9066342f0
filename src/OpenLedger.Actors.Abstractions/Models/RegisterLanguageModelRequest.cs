namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>
/// Register a language model trained elsewhere on a published text Datanet version (all of its documents). Each
/// inference then sends the generated text (and its prompt); the receipt names the spans of the text found verbatim
/// in that version and pays their documents' contributors.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.register-language-model")]
public sealed record RegisterLanguageModelRequest(
    [property: Id(0)] string OwnerAccount,
    [property: Id(1)] string DatanetId,
    [property: Id(2)] int DatanetVersion,
    [property: Id(3)] long FeePerInference)
{
    /// <summary><see cref="ModelKinds.LanguageModel"/> (null, the default: span attribution, span index job) or
    /// <see cref="ModelKinds.Rag"/> (context attribution over retrieved documents, retrieval index job).</summary>
    [Id(4)] public string? Kind { get; init; }

    /// <summary>A RAG model's retrieval (<see cref="RagRetrievalModes"/>; null: <see cref="RagRetrievalModes.Bm25"/>);
    /// must be null for a language model.</summary>
    [Id(5)] public string? Retrieval { get; init; }

    /// <summary>The model kind the registration makes.</summary>
    public string ModelKind => Kind ?? ModelKinds.LanguageModel;

    /// <summary>The retrieval a RAG registration asks for.</summary>
    public string RetrievalMode => Retrieval ?? RagRetrievalModes.Bm25;
}
