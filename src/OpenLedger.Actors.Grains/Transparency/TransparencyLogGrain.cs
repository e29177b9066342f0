using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Domain.Transparency;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Transparency;

/// <summary>
/// A transparency log (key: log id). Thin over the pure <see cref="MerkleLogFrontier"/> and <see cref="MerkleProofs"/>:
/// <list type="bullet">
/// <item><b>append</b>: exactly once per (kind, id) — <see cref="RecordedIdPages"/>, exact, bounded memory — then group
/// commit: appends arriving during a write wait and go in the next one; filled tiles are written to their tile grains
/// before the frontier that counts them. An append (or a repeat) is answered only once its write is durable. A failed
/// write poisons the activation (every waiting caller gets the error and the next activation starts from storage), so
/// no answer ever rests on memory the storage lacks.</item>
/// <item><b>heads</b>: signed over durable sizes only, at most once per <see cref="TransparencyOptions.HeadInterval"/>.</item>
/// <item><b>proofs and entries</b>: for trees up to the durable size, reading the full tiles a proof names (≤ 2 per tile
/// level) from their grains.</item>
/// </list>
/// Activation reads the frontier only: it does not grow with the log's age.
/// </summary>
[Reentrant]
public sealed class TransparencyLogGrain(
    [PersistentState("transparency-log", StorageNames.GrainState)] IPersistentState<TransparencyLogState> state,
    IArtifactStore artifacts,
    TreeHeadSigner signer,
    IOptions<TransparencyOptions> options,
    TimeProvider clock,
    ILogger<TransparencyLogGrain> logger) : Grain, ITransparencyLogGrain
{
    public const int MaxEntriesPerRead = 256;
    private readonly OneWriteAtATime _writes = new();
    private readonly Dictionary<MerkleTileId, (MerkleTile Tile, TransparencyEntry[] Entries)> _unwrittenTiles = [];
    private MerkleLogFrontier _frontier = null!;
    private List<TransparencyEntry> _entries = null!;
    private RecordedIdPages _ids = null!;
    private long _durableSize;
    private bool _poisoned;

    private string LogId => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var saved = state.State;
        var layout = new MerkleTileLayout(MerkleTileLayout.DefaultHeight);
        _frontier = new MerkleLogFrontier(layout, saved.Size, saved.PartialTiles.Select(Split).ToList());
        _entries = [.. saved.PartialEntries];
        _ids = new RecordedIdPages($"transparency:{LogId}", artifacts, options.Value.RecordedIdPeriod, saved.RecordedIds);
        _durableSize = saved.Size;
        return Task.CompletedTask;
    }

    public async Task<long?> AppendAsync(TransparencyEntry entry, DateTimeOffset recordedAt)
    {
        ThrowIfPoisoned();
        var leaf = Validate(entry);
        long? index;
        if (await _ids.TryAddAsync($"{entry.Kind}:{entry.Id}", recordedAt))
        {
            index = _frontier.Size;
            _entries.Add(entry);
            foreach (var tile in _frontier.Append(leaf))
            {
                TransparencyEntry[] entries = [];
                if (tile.Id.TileLevel == 0)
                {
                    entries = _entries.Take(tile.Hashes.Count).ToArray();
                    _entries.RemoveRange(0, entries.Length);
                }
                _unwrittenTiles[tile.Id] = (tile, entries);
            }
        }
        else
        {
            // A repeat: its position, if its entry is still in the partial tile (an outbox retrying soon after).
            var offset = _entries.FindIndex(e => e.Kind == entry.Kind && e.Id == entry.Id);
            index = offset < 0 ? null : _frontier.Size - _entries.Count + offset;
        }
        await _writes.RunAsync(FlushAsync); // answered only once durable (a repeat's first append may still be in flight)
        return index;
    }

    public async Task<PublishedTreeHead> GetHeadAsync()
    {
        ThrowIfPoisoned();
        var now = clock.GetUtcNow();
        if (state.State.Head is { } head && (head.Size == _durableSize || now - head.Timestamp < options.Value.HeadInterval)) return head;
        var size = _durableSize;
        var root = MerkleProofs.RootAt(await ReaderForAsync(MerkleProofs.TilesForRoot(_frontier, size)), size);
        var signed = signer.Key.Sign(new TreeHead(LogId, size, root, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds())));
        var published = new PublishedTreeHead(LogId, size, Convert.ToHexStringLower(root), signed.Head.Timestamp, signed.KeyId, Convert.ToHexStringLower(signed.Signature));
        await _writes.RunAsync(async () =>
        {
            if (state.State.Head is { } newer && newer.Timestamp >= published.Timestamp) return;
            state.State.Head = published;
            await WriteOrPoisonAsync();
        });
        return state.State.Head!;
    }

    public Task<TreeHeadKeyInfo> GetSigningKeyAsync() =>
        Task.FromResult(new TreeHeadKeyInfo(signer.Key.KeyId, "ECDSA P-256 SHA-256 (IEEE P1363 r‖s)", Convert.ToBase64String(signer.Key.PublicKeyInfo)));

    public async Task<InclusionProof> GetInclusionProofAsync(long index, long treeSize)
    {
        ThrowIfPoisoned();
        CheckTreeSize(treeSize);
        if (index < 0 || index >= treeSize)
            throw OpenLedgerException.Validation("transparency.index_out_of_range", $"Entry {index} is not in a tree of {treeSize} entries.");
        var reader = await ReaderForAsync(MerkleProofs.TilesForInclusion(_frontier, index, treeSize));
        var path = MerkleProofs.Inclusion(reader, index, treeSize);
        var leaf = reader.Hash(new SubtreeAddress(0, index));
        return new InclusionProof(LogId, index, treeSize, Convert.ToHexStringLower(leaf), path.Select(Convert.ToHexStringLower).ToList());
    }

    public async Task<ConsistencyProof> GetConsistencyProofAsync(long oldSize, long newSize)
    {
        ThrowIfPoisoned();
        CheckTreeSize(newSize);
        if (oldSize < 0 || oldSize > newSize)
            throw OpenLedgerException.Validation("transparency.size_out_of_range", $"A consistency proof needs 0 ≤ old size ≤ new size ({newSize}); got {oldSize}.");
        var reader = await ReaderForAsync(MerkleProofs.TilesForConsistency(_frontier, oldSize, newSize));
        return new ConsistencyProof(LogId, oldSize, newSize, MerkleProofs.Consistency(reader, oldSize, newSize).Select(Convert.ToHexStringLower).ToList());
    }

    public async Task<IReadOnlyList<LoggedEntry>> GetEntriesAsync(long start, int count)
    {
        ThrowIfPoisoned();
        if (count is < 1 or > MaxEntriesPerRead)
            throw OpenLedgerException.Validation("transparency.count_out_of_range", $"Read 1–{MaxEntriesPerRead} entries at a time.");
        if (start < 0 || start > _durableSize)
            throw OpenLedgerException.Validation("transparency.index_out_of_range", $"The log holds {_durableSize} entries; start must be 0–{_durableSize}.");
        var end = Math.Min(start + count, _durableSize);
        var width = _frontier.Layout.Width;
        var partial = _entries.ToList(); // a snapshot: appends during the reads below change _entries
        var partialStart = _frontier.Size - partial.Count;
        var tiles = new Dictionary<long, IReadOnlyList<TransparencyEntry>>();
        var result = new List<LoggedEntry>();
        for (var i = start; i < end; i++)
        {
            if (i >= partialStart)
            {
                result.Add(new LoggedEntry(i, partial[(int)(i - partialStart)]));
                continue;
            }
            var tile = i / width;
            if (!tiles.TryGetValue(tile, out var entries))
                tiles[tile] = entries = _unwrittenTiles.TryGetValue(new MerkleTileId(0, tile), out var unwritten)
                    ? unwritten.Entries
                    : (await GrainFactory.GetGrain<ITransparencyTileGrain>(ITransparencyTileGrain.KeyOf(LogId, 0, tile)).ReadAsync()).Entries;
            result.Add(new LoggedEntry(i, entries[(int)(i - tile * width)]));
        }
        return result;
    }

    private async Task FlushAsync()
    {
        if (_frontier.Size == _durableSize && !_ids.HasUnsaved) return;
        // Taken together on this turn, before the first await: what this write makes durable.
        var size = _frontier.Size;
        var partials = _frontier.PartialTiles.Select(Join).ToList();
        var entries = _entries.ToList();
        var tiles = _unwrittenTiles.Values.ToList();
        var ids = _ids.TakeUnsaved();
        List<string> superseded;
        try
        {
            await Task.WhenAll(tiles.Select(t => GrainFactory
                .GetGrain<ITransparencyTileGrain>(ITransparencyTileGrain.KeyOf(LogId, t.Tile.Id.TileLevel, t.Tile.Id.Index))
                .WriteAsync(t.Tile.Encode(), t.Entries)));
            var sequence = state.State.Sequence + 1;
            (var index, superseded) = await _ids.PrepareAsync(ids, sequence);
            state.State = new TransparencyLogState
            {
                Size = size, PartialTiles = partials, PartialEntries = entries, RecordedIds = index, Head = state.State.Head, Sequence = sequence,
            };
            await WriteOrPoisonAsync();
            _ids.Commit(index);
        }
        catch
        {
            Poison();
            throw;
        }
        _durableSize = size;
        foreach (var tile in tiles) _unwrittenTiles.Remove(tile.Tile.Id);
        foreach (var key in superseded)
        {
            try { await artifacts.DeleteAsync(key); }
            catch (Exception e) { logger.LogDebug(e, "Transparency log {LogId}: superseded id page {Key} left behind", LogId, key); }
        }
    }

    private async Task WriteOrPoisonAsync()
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            Poison();
            throw;
        }
    }

    /// <summary>Memory is ahead of storage after a failed write: nothing more is answered from it.</summary>
    private void Poison()
    {
        if (_poisoned) return;
        _poisoned = true;
        logger.LogWarning("Transparency log {LogId}: a write failed; the activation is dropped and the next call starts from storage", LogId);
        DeactivateOnIdle();
    }

    private void ThrowIfPoisoned()
    {
        if (_poisoned) throw OpenLedgerException.NotReady("transparency.restarting", "The transparency log is restarting after a storage failure; retry.");
    }

    private async Task<MerkleHashReader> ReaderForAsync(IReadOnlyCollection<MerkleTileId> needed)
    {
        var loaded = new Dictionary<MerkleTileId, MerkleTile>();
        var reads = needed.Where(id => !_unwrittenTiles.ContainsKey(id)).Select(async id =>
        {
            var tile = await GrainFactory.GetGrain<ITransparencyTileGrain>(ITransparencyTileGrain.KeyOf(LogId, id.TileLevel, id.Index)).ReadAsync();
            if (tile.Hashes.Length == 0) throw new InvalidOperationException($"Transparency log {LogId}: tile {id} is counted by the frontier but missing from storage.");
            return MerkleTile.Decode(id, tile.Hashes, _frontier.Layout);
        }).ToList();
        foreach (var tile in await Task.WhenAll(reads)) loaded[tile.Id] = tile;
        foreach (var id in needed) if (_unwrittenTiles.TryGetValue(id, out var unwritten)) loaded[id] = unwritten.Tile;
        return new MerkleHashReader(_frontier, loaded);
    }

    private void CheckTreeSize(long treeSize)
    {
        if (treeSize < 0 || treeSize > _durableSize)
            throw OpenLedgerException.Validation("transparency.size_out_of_range", $"The log holds {_durableSize} entries; a tree of {treeSize} is not in it.");
    }

    private static byte[] Validate(TransparencyEntry entry)
    {
        if (entry is null) throw OpenLedgerException.Validation("transparency.entry_missing", "An entry is required.");
        if (string.IsNullOrEmpty(entry.Kind) || entry.Kind.Length > 32 || string.IsNullOrEmpty(entry.Id) || entry.Id.Length > 200)
            throw OpenLedgerException.Validation("transparency.entry_invalid", "An entry's kind (≤ 32 characters) and id (≤ 200) are required.");
        byte[] hash;
        try { hash = Convert.FromHexString(entry.ContentHash ?? ""); }
        catch (FormatException) { hash = []; }
        if (hash.Length != MerkleHashing.HashSize)
            throw OpenLedgerException.Validation("transparency.entry_invalid", "An entry's content hash is a SHA-256 in hex (64 characters).");
        try { return new LogEntry(entry.Kind, entry.Id, hash).LeafHash(); }
        catch (ArgumentException e) { throw OpenLedgerException.Validation("transparency.entry_invalid", e.Message); }
    }

    private static byte[] Join(IReadOnlyList<byte[]> hashes) => hashes.SelectMany(h => h).ToArray();

    private static IReadOnlyList<byte[]> Split(byte[] joined) => joined.Chunk(MerkleHashing.HashSize).ToList();
}
