using System.Collections.Concurrent;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>
/// The recovery benchmark's artifact store: the silo's own (blobs on Azurite) or one in memory, recording the size of
/// every artifact stored. In memory it can drop what no checkpoint names any more (runs replaced by merges), so a
/// 10 M-transfer history fits the machine. Also serves pages synchronously to the benchmark's own book.
/// </summary>
internal sealed class BenchmarkArtifactStore(IArtifactStore? inner) : IArtifactStore, IArchivePages
{
    private readonly ConcurrentDictionary<string, byte[]> _memory = new(StringComparer.Ordinal);

    public ConcurrentDictionary<string, long> Sizes { get; } = new(StringComparer.Ordinal);

    public async Task<string> PutAsync(ReadOnlyMemory<byte> content, CancellationToken cancellationToken = default)
    {
        string key;
        if (inner is null)
        {
            key = ArtifactKey.Of(content.Span);
            _memory.TryAdd(key, content.ToArray());
        }
        else
        {
            key = await inner.PutAsync(content, cancellationToken);
        }
        Sizes[key] = content.Length;
        return key;
    }

    public Task<byte[]> GetAsync(string key, CancellationToken cancellationToken = default)
    {
        if (inner is not null) return inner.GetAsync(key, cancellationToken);
        return _memory.TryGetValue(key, out var bytes) ? Task.FromResult(bytes) : Task.FromException<byte[]>(new ArtifactNotFoundException(key));
    }

    public Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        if (inner is not null) return inner.DeleteAsync(key, cancellationToken);
        _memory.TryRemove(key, out _);
        Sizes.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    public byte[]? TryGet(string key) => GetAsync(key).GetAwaiter().GetResult();

    /// <summary>Drops (in memory) every artifact not in <paramref name="live"/>; returns the bytes of those kept.</summary>
    public long Retain(IReadOnlySet<string> live)
    {
        foreach (var key in Sizes.Keys)
        {
            if (live.Contains(key)) continue;
            if (inner is null)
            {
                _memory.TryRemove(key, out _);
                Sizes.TryRemove(key, out _);
            }
        }
        return live.Sum(key => Sizes.GetValueOrDefault(key));
    }
}
