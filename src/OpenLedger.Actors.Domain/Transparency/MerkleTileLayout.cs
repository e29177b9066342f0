namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// Where each stored hash lives. Only every <see cref="Height"/>-th level of the tree is stored (level 0: the leaf
/// hashes; level <c>Height</c>: roots of 2^Height leaves; …), in tiles of 2^Height hashes; a hash of any other level
/// is recomputed from the ≤ 2^(Height−1) stored hashes below it in one tile. Storage is ~32 bytes per entry
/// (plus 1/2^Height for the upper levels).
/// </summary>
public sealed record MerkleTileLayout(int Height)
{
    public const int DefaultHeight = 8;

    public int Height { get; } = Height is >= 1 and <= 16 ? Height : throw new ArgumentOutOfRangeException(nameof(Height), Height, "Tile height must be 1–16.");

    public int Width => 1 << Height;

    /// <summary>How many hashes of tile level <paramref name="tileLevel"/> (tree level tileLevel·Height) a log of <paramref name="size"/> entries has.</summary>
    public long CompleteHashes(long size, int tileLevel)
    {
        var shift = tileLevel * Height;
        return shift >= 63 ? 0 : size >> shift;
    }

    /// <summary>The tile holding the hashes a perfect subtree's hash is computed from, and their range in it.</summary>
    public (MerkleTileId Tile, int Offset, int Count) Locate(SubtreeAddress subtree)
    {
        var tileLevel = subtree.Level / Height;
        var within = subtree.Level % Height;
        var first = subtree.Index << within;
        return (new MerkleTileId(tileLevel, first >> Height), (int)(first & (Width - 1)), 1 << within);
    }

    /// <summary>True when tile <paramref name="tile"/> is full in a log of <paramref name="size"/> entries.</summary>
    public bool IsFull(MerkleTileId tile, long size) => (tile.Index + 1) << Height <= CompleteHashes(size, tile.TileLevel);
}
