namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>
/// Register a model trained elsewhere, attributed by representation similarity: its training manifest (the
/// Datanet version and the ids of the rows it was trained on, in training order) and the model's embedding of
/// each of those rows (<paramref name="Embeddings"/>, row-major, <paramref name="EmbeddingSize"/> floats per row).
/// Each inference then supplies the query's embedding and the model's output class.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.register-external-model")]
public sealed record RegisterExternalModelRequest(
    [property: Id(0)] string OwnerAccount,
    [property: Id(1)] string DatanetId,
    [property: Id(2)] int DatanetVersion,
    [property: Id(3)] long FeePerInference,
    [property: Id(4)] long[] RowIds,
    [property: Id(5)] int EmbeddingSize,
    [property: Id(6)] float[] Embeddings);
