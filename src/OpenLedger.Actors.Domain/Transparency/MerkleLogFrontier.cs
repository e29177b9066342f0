namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// The growing edge of the transparency log: its size and, per tile level, the hashes of the last tile that is not
/// full yet. That is all an append or the current root needs, so the state the log's grain keeps is bounded by
/// <c>levels × 2^height × 32</c> bytes (height 8: ≤ 8 KiB per level, 4 levels reach 2^32 entries) whatever the
/// log's age; full tiles are written out once and never change. Pure: no I/O.
/// </summary>
public sealed class MerkleLogFrontier
{
    private readonly List<List<byte[]>> _partials;

    public MerkleLogFrontier(int tileHeight = MerkleTileLayout.DefaultHeight)
        : this(new MerkleTileLayout(tileHeight), 0, []) { }

    public MerkleLogFrontier(MerkleTileLayout layout, long size, IReadOnlyList<IReadOnlyList<byte[]>> partialTiles)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        Layout = layout;
        Size = size;
        _partials = partialTiles.Select(p => p.ToList()).ToList();
        while (layout.CompleteHashes(size, _partials.Count) > 0) _partials.Add([]);
        for (var level = 0; level < _partials.Count; level++)
        {
            var expected = (int)(layout.CompleteHashes(size, level) & (layout.Width - 1));
            if (_partials[level].Count != expected)
                throw new ArgumentException($"Frontier of a log of {size} entries must hold {expected} hashes at tile level {level}, not {_partials[level].Count}.", nameof(partialTiles));
            if (_partials[level].Any(h => h.Length != MerkleHashing.HashSize)) throw new ArgumentException("Frontier hashes must be 32 bytes.", nameof(partialTiles));
        }
    }

    public MerkleTileLayout Layout { get; }

    /// <summary>Number of entries (leaves) in the log.</summary>
    public long Size { get; private set; }

    /// <summary>The partial tile of each tile level (level 0 holds leaf hashes), for storing the frontier.</summary>
    public IReadOnlyList<IReadOnlyList<byte[]>> PartialTiles => _partials;

    /// <summary>
    /// Appends one leaf hash. Returns the tiles this append filled (usually none; one per 2^height appends, a cascade
    /// upward now and then): the caller stores them before it stores the frontier.
    /// </summary>
    public IReadOnlyList<MerkleTile> Append(byte[] leafHash)
    {
        if (leafHash.Length != MerkleHashing.HashSize) throw new ArgumentException("A leaf hash is 32 bytes.", nameof(leafHash));
        List<MerkleTile>? filled = null;
        var hash = leafHash;
        for (var level = 0; ; level++)
        {
            if (level == _partials.Count) _partials.Add([]);
            var partial = _partials[level];
            partial.Add(hash);
            if (partial.Count < Layout.Width) break;
            var index = (Layout.CompleteHashes(Size + 1, level) >> Layout.Height) - 1;
            var tile = new MerkleTile(new MerkleTileId(level, index), partial.ToArray());
            (filled ??= []).Add(tile);
            hash = MerkleHashing.PerfectRoot(tile.Hashes, 0, tile.Hashes.Count);
            partial.Clear();
        }
        Size++;
        return (IReadOnlyList<MerkleTile>?)filled ?? [];
    }

    /// <summary>The root hash of the whole log (RFC 6962's MTH), from the frontier alone.</summary>
    public byte[] RootHash() => RootHash(new MerkleHashReader(this, new Dictionary<MerkleTileId, MerkleTile>()));

    internal byte[] RootHash(MerkleHashReader reader) =>
        Size == 0 ? MerkleHashing.EmptyTreeHash() : MerkleProofs.RangeHash(0, Size, reader);

    /// <summary>The hash at <paramref name="offset"/> of tile level <paramref name="level"/>'s partial tile.</summary>
    internal byte[] PartialHash(int level, int offset) => _partials[level][offset];
}
