namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>The model's answer for one query and its top positive influences.</summary>
[GenerateSerializer, Immutable, Alias("openledger.attribution-result")]
public sealed record AttributionResult(
    [property: Id(0)] int PredictedClass,
    [property: Id(1)] double[] Probabilities,
    [property: Id(2)] int LossLabel,
    [property: Id(3)] double QueryLoss,
    [property: Id(4)] string Method,
    [property: Id(5)] IReadOnlyList<InfluenceEntry> Influences)
{
    /// <summary>For a language model: the spans and weights the influences come from; null otherwise.</summary>
    [Id(6)] public TextAttribution? Text { get; init; }

    /// <summary>For a RAG model: the retrieved documents, the surrogate and the spans the influences come from; null otherwise.</summary>
    [Id(7)] public RagAttribution? Rag { get; init; }
}
