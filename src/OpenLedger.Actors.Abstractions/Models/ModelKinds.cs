namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>How a model was made, which decides how its inferences are attributed.</summary>
public static class ModelKinds
{
    /// <summary>Trained by the built-in trainer; attributed by exact influence functions from the query's features.</summary>
    public const string BuiltIn = "built-in";

    /// <summary>Registered with its training manifest and row embeddings; attributed by representation
    /// similarity from the query embedding each inference supplies.</summary>
    public const string ExternalEmbedding = "external-embedding";

    /// <summary>An external language model registered with the text Datanet version it was trained on; its
    /// generated text is attributed by the verbatim spans it shares with that version (span index, TextRewardRule).</summary>
    public const string LanguageModel = "language-model";

    /// <summary>The built-in model trained on a labelled text Datanet version with sentence embeddings of its documents as
    /// features (the version's embedded matrix); an inference sends text, embedded the same way, and is attributed by exact
    /// influence functions like <see cref="BuiltIn"/>.</summary>
    public const string TextClassifier = "text-classifier";

    /// <summary>A retrieval-augmented generator registered on a text Datanet version: it retrieves documents of that version
    /// (BM25 index built by the registration's job) and its answer is attributed to them by context attribution
    /// (ablation masks, a LASSO surrogate, an n-gram model over the documents) plus verbatim spans.</summary>
    public const string Rag = "rag";
}
