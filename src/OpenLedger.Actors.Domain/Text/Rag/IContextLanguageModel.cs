namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// A language model that reads retrieved documents as its context: how likely an answer is given any subset of them.
/// Context attribution asks this of one answer under many subsets, so the model first conditions on the documents and
/// the answer once (<see cref="Condition"/>, where it may precompute), then scores subsets.
/// The offline default is <see cref="InterpolatedNGramModel"/>; an adapter for a neural model (ONNX, llama.cpp) would
/// put the kept documents in its prompt and sum the answer tokens' log-probabilities.
/// </summary>
public interface IContextLanguageModel
{
    /// <summary>Names the model and its parameters (part of a receipt).</summary>
    string Name { get; }

    /// <summary>Prepares scoring <paramref name="answer"/> (GPT-2 ids) under subsets of <paramref name="documents"/> (in the order masks will use).</summary>
    IAnswerLikelihood Condition(IReadOnlyList<IndexedDocument> documents, ReadOnlySpan<ushort> answer);
}

/// <summary>One answer's likelihood under subsets of one set of documents (from <see cref="IContextLanguageModel.Condition"/>).</summary>
public interface IAnswerLikelihood
{
    int DocumentCount { get; }

    /// <summary>
    /// ln P(answer | the documents d with <paramref name="kept"/>[d]) in nats, deterministic; masked documents are absent
    /// from the context as if never retrieved.
    /// </summary>
    double LogProbability(ReadOnlySpan<bool> kept);
}
