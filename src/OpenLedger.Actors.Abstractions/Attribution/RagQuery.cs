namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// A RAG answer to attribute: the inference it belongs to (its id seeds the ablation masks), the question, the answer, and
/// either the rows the client retrieved (<paramref name="RowIds"/>) or how many the model retrieves (<paramref name="Retrieve"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.rag-query")]
public sealed record RagQuery(
    [property: Id(0)] string InferenceId,
    [property: Id(1)] string Question,
    [property: Id(2)] string Answer,
    [property: Id(3)] long[]? RowIds,
    [property: Id(4)] int Retrieve);
