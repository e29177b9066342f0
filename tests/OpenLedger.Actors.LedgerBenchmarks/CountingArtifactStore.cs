using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>Counts the artifacts stored through the wrapped store (checkpoint manifests, pages and run summaries: one blob write each).</summary>
internal sealed class CountingArtifactStore(IArtifactStore inner) : IArtifactStore
{
    private long _writes;

    public long Writes => Interlocked.Read(ref _writes);

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var key = await inner.PutAsync(content, cancellationToken);
        Interlocked.Increment(ref _writes);
        return key;
    }

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) => inner.GetAsync(key, cancellationToken);

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default) => inner.DeleteAsync(key, cancellationToken);
}
