namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// Reads the hash of any perfect subtree of the log from the frontier and the full tiles a caller loaded. With
/// <see cref="RecordMissing"/> set it does not fail on a full tile that is not loaded: it notes the tile and answers
/// a placeholder, so a first pass of a proof learns which tiles to load (the set does not depend on hash values);
/// such an answer is never returned to anyone (<see cref="MerkleProofs"/> discards it).
/// </summary>
public sealed class MerkleHashReader(MerkleLogFrontier frontier, IReadOnlyDictionary<MerkleTileId, MerkleTile> tiles)
{
    private static readonly byte[] Placeholder = new byte[MerkleHashing.HashSize];
    private readonly HashSet<MerkleTileId> _missing = [];

    public MerkleLogFrontier Frontier => frontier;

    public bool RecordMissing { get; init; }

    public IReadOnlyCollection<MerkleTileId> Missing => _missing;

    public byte[] Hash(SubtreeAddress subtree)
    {
        if (subtree.Level < 0 || subtree.Index < 0 || subtree.FirstLeaf + subtree.LeafCount > frontier.Size)
            throw new ArgumentOutOfRangeException(nameof(subtree), subtree, $"Not a complete subtree of a log of {frontier.Size} entries.");
        var layout = frontier.Layout;
        var (tileId, offset, count) = layout.Locate(subtree);
        if (layout.IsFull(tileId, frontier.Size))
        {
            if (tiles.TryGetValue(tileId, out var tile)) return MerkleHashing.PerfectRoot(tile.Hashes, offset, count);
            if (!RecordMissing) throw new MerkleTileMissingException(tileId);
            _missing.Add(tileId);
            return Placeholder;
        }
        var partial = frontier.PartialTiles[tileId.TileLevel];
        return MerkleHashing.PerfectRoot(partial, offset, count);
    }
}

/// <summary>A proof needed a full tile the caller did not load (load <see cref="Tile"/> and ask again).</summary>
public sealed class MerkleTileMissingException(MerkleTileId tile) : InvalidOperationException($"Merkle tile {tile} is needed but was not loaded.")
{
    public MerkleTileId Tile { get; } = tile;
}
