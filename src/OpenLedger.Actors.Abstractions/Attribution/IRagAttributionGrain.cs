namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>
/// Context attribution for one RAG model (keyed by model id): loads the model's retrieval index (BM25) and its version's
/// documents once per activation, retrieves for a question and attributes an answer to its documents. Reads only,
/// changes nothing.
/// </summary>
[Alias("openledger.IRagAttributionGrain")]
public interface IRagAttributionGrain : IGrainWithStringKey
{
    /// <summary>The answer's documents (retrieved, or the client's), their weights and the receipt's RAG part
    /// (<see cref="AttributionResult.Rag"/>). Deterministic for one query (the masks' seed comes from the inference id).</summary>
    [Alias("attribute-answer")] Task<AttributionResult> AttributeAnswerAsync(RagQuery query);

    /// <summary>Refuses (<c>inference.row_not_found</c>) rows that are not documents of the model's version.</summary>
    [Alias("check-rows")] Task CheckRowsAsync(long[] rowIds);

    /// <summary>Loads the index if it is not loaded yet, waiting a short while: true once loaded (the index job's last stage).</summary>
    [Alias("prepare-rag-index"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall] Task<bool> PrepareIndexAsync();
}
