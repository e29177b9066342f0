using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The archived checkpoint pages a ledger holds in memory: a least-recently-used cache of verified page bytes, at most
/// <c>capacityBytes</c> beyond the pages pinned by calls in progress. The domain asks it synchronously
/// (<see cref="TryGet"/>); the grain loads what a lookup needed (<see cref="LoadAsync"/>) and pins it until the lookup
/// has run again. A page that is missing or does not hash to its key is a <see cref="JournalIntegrityException"/>.
/// Touched only on the grain's turn (no locks).
/// </summary>
internal sealed class ArchivePageCache(IArtifactStore artifacts, long capacityBytes) : IArchivePages
{
    private readonly LinkedList<(string Key, byte[] Bytes)> _order = new();
    private readonly Dictionary<string, LinkedListNode<(string Key, byte[] Bytes)>> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _pins = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Task<byte[]>> _loading = new(StringComparer.Ordinal);
    private long _bytes;

    /// <summary>Pages read from the artifact store since activation.</summary>
    public long Reads { get; private set; }

    public long Bytes => _bytes;

    public byte[]? TryGet(string key)
    {
        if (!_pages.TryGetValue(key, out var node)) return null;
        _order.Remove(node);
        _order.AddFirst(node);
        return node.Value.Bytes;
    }

    /// <summary>Reads the pages not in memory (at once), verifies them and keeps them; then pins all of them.</summary>
    public async Task PinAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys) _pins[key] = _pins.GetValueOrDefault(key) + 1; // pinned first: a page loaded for another key stays
        try
        {
            await Task.WhenAll(keys.Where(key => !_pages.ContainsKey(key)).Distinct().Select(key => LoadAsync(key, cancellationToken)));
        }
        catch
        {
            Unpin(keys);
            throw;
        }
    }

    public void Unpin(IEnumerable<string> keys)
    {
        foreach (var key in keys)
        {
            if (_pins.TryGetValue(key, out var count) && count > 1) _pins[key] = count - 1;
            else _pins.Remove(key);
        }
        Trim();
    }

    private async Task LoadAsync(string key, CancellationToken cancellationToken)
    {
        if (!_loading.TryGetValue(key, out var loading))
        {
            _loading[key] = loading = ReadAsync(key, cancellationToken);
        }
        byte[] bytes;
        try
        {
            bytes = await loading;
        }
        finally
        {
            _loading.Remove(key);
        }
        if (_pages.ContainsKey(key)) return;
        _pages[key] = _order.AddFirst((key, bytes));
        _bytes += bytes.Length;
        Trim();
    }

    private async Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            Reads++;
            bytes = await artifacts.GetAsync(key, cancellationToken);
        }
        catch (ArtifactNotFoundException)
        {
            throw new JournalIntegrityException($"The checkpoint's archived page {key} is missing from the artifact store.");
        }
        catch (InvalidDataException e)
        {
            throw new JournalIntegrityException($"The checkpoint's archived page {key} is corrupted: {e.Message}", e);
        }
        if (ArtifactKey.Of(bytes) is var actual && actual != key)
            throw new JournalIntegrityException($"The checkpoint's archived page {key} is corrupted: its bytes hash to {actual}.");
        return bytes;
    }

    private void Trim()
    {
        var node = _order.Last;
        while (_bytes > capacityBytes && node is not null)
        {
            var previous = node.Previous;
            if (!_pins.ContainsKey(node.Value.Key))
            {
                _order.Remove(node);
                _pages.Remove(node.Value.Key);
                _bytes -= node.Value.Bytes.Length;
            }
            node = previous;
        }
    }
}
