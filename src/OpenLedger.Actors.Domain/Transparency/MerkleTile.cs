namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>A full tile: its address and its 2^height hashes, in order. Stored once, never changed.</summary>
public sealed record MerkleTile(MerkleTileId Id, IReadOnlyList<byte[]> Hashes)
{
    /// <summary>The stored form: the hashes concatenated (32 bytes each).</summary>
    public byte[] Encode()
    {
        var bytes = new byte[Hashes.Count * MerkleHashing.HashSize];
        for (var i = 0; i < Hashes.Count; i++) Hashes[i].CopyTo(bytes, i * MerkleHashing.HashSize);
        return bytes;
    }

    public static MerkleTile Decode(MerkleTileId id, ReadOnlySpan<byte> bytes, MerkleTileLayout layout)
    {
        if (bytes.Length != layout.Width * MerkleHashing.HashSize)
            throw new InvalidDataException($"Tile {id} holds {bytes.Length} bytes; a full tile of height {layout.Height} holds {layout.Width * MerkleHashing.HashSize}.");
        var hashes = new byte[layout.Width][];
        for (var i = 0; i < hashes.Length; i++) hashes[i] = bytes.Slice(i * MerkleHashing.HashSize, MerkleHashing.HashSize).ToArray();
        return new MerkleTile(id, hashes);
    }
}
