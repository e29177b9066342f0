using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.UnitTests;

/// <summary>
/// Checkpoints as the ledger stores and loads them (<see cref="CheckpointWriter"/>, <see cref="ArchiveRunCodec"/>),
/// over an in-memory artifact store, with a page cache that holds only <c>cachedPages</c> pages: a lookup that needs
/// another throws <see cref="ArchivePageNeededException"/>, and <see cref="Read"/> loads it, pins it until the read is
/// done and asks again, as the grain does. Counts the pages it reads.
/// </summary>
internal sealed class CheckpointHarness(int cachedPages = 2) : IArchivePages
{
    private readonly LinkedList<string> _cached = new();
    private readonly HashSet<string> _pinned = new(StringComparer.Ordinal);

    public Dictionary<string, byte[]> Store { get; } = new(StringComparer.Ordinal);

    /// <summary>Archived pages loaded into the cache (each a read from storage).</summary>
    public int PageReads { get; set; }

    public byte[]? TryGet(string key) => _cached.Contains(key) || _pinned.Contains(key) ? Store[key] : null;

    /// <summary>Runs a read of the books or statements, loading the pages it needs one by one.</summary>
    public T Read<T>(Func<T> read)
    {
        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    return read();
                }
                catch (ArchivePageNeededException e) when (attempt < 100)
                {
                    PageReads++;
                    _pinned.Add(e.Key);
                }
            }
        }
        finally
        {
            foreach (var key in _pinned) _cached.AddFirst(key);
            _pinned.Clear();
            while (_cached.Count > cachedPages) _cached.RemoveLast();
        }
    }

    public Task<string> PutAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        var key = ArchiveRunCodec.KeyOf(bytes.Span);
        Store[key] = bytes.ToArray();
        return Task.FromResult(key);
    }

    public Task<byte[]> ReadAsync(string key, CancellationToken cancellationToken) => Task.FromResult(Store[key]);

    public async Task<(CheckpointManifest Manifest, string Key, LedgerArchive Archive)> StoreAsync(LedgerArchive? previous, CheckpointContent content) =>
        await CheckpointWriter.StoreAsync(previous, content, this, PutAsync, ReadAsync);

    /// <summary>Loads the checkpoint <paramref name="manifestKey"/> into empty <paramref name="books"/> and <paramref name="statements"/>, as activation does.</summary>
    public LedgerArchive Load(string manifestKey, IReadOnlyList<LedgerBook> books, AccountStatements statements)
    {
        var manifest = CheckpointCodec.DecodeManifest(Store[manifestKey]);
        var restore = new CheckpointRestore(books, statements);
        var runs = new Dictionary<CheckpointSection, List<ListedRun>>();
        foreach (var section in Enum.GetValues<CheckpointSection>())
        {
            runs[section] = [];
            foreach (var entry in manifest.Pages(section))
            {
                if (CheckpointManifest.IsArchived(section)) runs[section].Add(new ListedRun(section, entry.Key, entry.Items));
                else CheckpointCodec.DecodePage(Store[entry.Key], section, restore);
            }
        }
        var archive = new LedgerArchive(runs[CheckpointSection.TransferIds], runs[CheckpointSection.ResolvedHolds], runs[CheckpointSection.StatementLines], this);
        restore.Finish(manifest, archive);
        return archive;
    }
}
