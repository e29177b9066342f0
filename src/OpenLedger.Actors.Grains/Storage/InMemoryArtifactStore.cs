using System.Collections.Concurrent;

namespace OpenLedger.Actors.Grains.Storage;

/// <summary>The embedded default: artifacts kept in this process's memory (lost on exit).</summary>
public sealed class InMemoryArtifactStore : IArtifactStore
{
    private readonly ConcurrentDictionary<string, byte[]> _artifacts = new(StringComparer.Ordinal);

    public int Count => _artifacts.Count;

    /// <summary>The bytes of every artifact held (what a blob container would bill).</summary>
    public long TotalBytes => _artifacts.Values.Sum(a => (long)a.Length);

    public bool Contains(string key) => _artifacts.ContainsKey(key);

    public IReadOnlyCollection<string> Keys => _artifacts.Keys.ToList();

    public Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        var key = ArtifactKey.Of(content.Span);
        _artifacts.TryAdd(key, content.ToArray());
        return Task.FromResult(key);
    }

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default) =>
        _artifacts.TryGetValue(key, out var bytes)
            ? Task.FromResult(bytes)
            : Task.FromException<byte[]>(new ArtifactNotFoundException(key));

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        _artifacts.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
