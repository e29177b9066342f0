namespace OpenLedger.Actors.Grains.Text;

/// <summary>
/// Where a text Datanet version's embedded matrix is (keyed <see cref="KeyOf"/>: Datanet, version, embedder): the
/// content-addressed key of the <see cref="Storage.VersionMatrix"/> a training job computed, so later jobs on the same
/// version reuse it instead of embedding the documents again. Internal: only training jobs call it.
/// </summary>
[Alias("openledger.IVersionEmbeddingGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IVersionEmbeddingGrain : IGrainWithStringKey
{
    /// <summary>The matrix's artifact key, or null when the version has not been embedded with this embedder yet.</summary>
    [Alias("get")] Task<string?> GetAsync();

    /// <summary>Records the matrix's key (the same key again is a no-op: embedding is deterministic).</summary>
    [Alias("set")] Task SetAsync(string matrixKey);

    static string KeyOf(string datanetId, int version, string embedder) => $"{datanetId}|{version}|{embedder}";
}
