namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// Content-addressed storage for large immutable artifacts (submission chunks, Datanet version matrices,
/// model parameters). The key of an artifact is the lower-case hex SHA-256 of its bytes, so an artifact
/// can never change under its key and storing the same bytes twice is a no-op. Because equal bytes share a key, only
/// an owner whose artifacts are unique to it (they carry the owner's id and a write sequence, as the attribution totals'
/// pages do) may delete them: deleting shared content (a Datanet version matrix) would break its other users.
/// </summary>
public interface IArtifactStore
{
    /// <summary>Stores the bytes (durably, before returning) and returns their key.</summary>
    Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default);

    /// <summary>Returns the artifact's bytes; throws <see cref="ArtifactNotFoundException"/> when absent.</summary>
    Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Removes the artifact; removing one that is absent is a no-op (deletes are retried after failures).</summary>
    Task DeleteAsync(string key, CancellationToken cancellationToken = default);
}

public sealed class ArtifactNotFoundException(string key) : Exception($"Artifact {key} was not found in the artifact store.")
{
    public string Key { get; } = key;
}
