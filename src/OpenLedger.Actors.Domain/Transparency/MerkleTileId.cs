namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// One stored tile: up to 2^height consecutive hashes of tree level <c>TileLevel · height</c>, starting at hash
/// <c>Index · 2^height</c> (the layout of Go's tlog tiles and the C2SP tlog-tiles spec: a tile of height 8 holds
/// 256 hashes, 8 KiB). A tile is full (and immutable) once it holds 2^height hashes; the last tile of each level is
/// partial and lives in the log's frontier until it fills.
/// </summary>
public readonly record struct MerkleTileId(int TileLevel, long Index)
{
    /// <summary>Storage name of a full tile: <c>{tile level}.{index}</c>, e.g. <c>0.123</c>.</summary>
    public override string ToString() => $"{TileLevel}.{Index}";
}
