using System.Security.Cryptography;

namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>
/// The hashes of the transparency log's Merkle tree, as RFC 6962 (§2.1) defines them: a leaf is
/// <c>SHA-256(0x00 ‖ data)</c>, an inner node <c>SHA-256(0x01 ‖ left ‖ right)</c>, the empty tree <c>SHA-256("")</c>.
/// The prefixes keep a leaf from ever being read as a node. Every hash is 32 bytes.
/// </summary>
public static class MerkleHashing
{
    public const int HashSize = 32;

    public static byte[] LeafHash(ReadOnlySpan<byte> data)
    {
        var buffer = data.Length <= 1024 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        if (left.Length != HashSize || right.Length != HashSize) throw new ArgumentException("Merkle node children must be 32-byte hashes.");
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return SHA256.HashData(buffer);
    }

    public static byte[] EmptyTreeHash() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>The root of a perfect subtree whose 2^k bottom hashes are given in order (k ≥ 0).</summary>
    public static byte[] PerfectRoot(IReadOnlyList<byte[]> hashes, int start, int count)
    {
        if (count <= 0 || (count & (count - 1)) != 0) throw new ArgumentException("A perfect subtree has a power-of-two number of hashes.", nameof(count));
        if (count == 1) return hashes[start];
        var half = count / 2;
        return NodeHash(PerfectRoot(hashes, start, half), PerfectRoot(hashes, start + half, half));
    }

    /// <summary>The largest power of two strictly below <paramref name="n"/> (n ≥ 2): RFC 6962's split point k.</summary>
    public static long SplitPoint(long n)
    {
        if (n < 2) throw new ArgumentOutOfRangeException(nameof(n), n, "A split needs at least two leaves.");
        return 1L << (63 - (int)long.LeadingZeroCount(n - 1));
    }

    public static bool IsPowerOfTwo(long n) => n > 0 && (n & (n - 1)) == 0;
}
