using System.Security.Cryptography;

namespace OpenLedger.Actors.UnitTests.Transparency;

/// <summary>
/// A second, deliberately naive computation of the RFC 6962 tree: every hash recomputed from the list of leaf data,
/// straight from the RFC's recursive definitions, sharing no code with the project's tiles, frontier or proofs.
/// </summary>
internal static class NaiveMerkleTree
{
    public static byte[] Root(IReadOnlyList<byte[]> leaves) => Mth(leaves.ToArray());

    public static List<byte[]> Path(int m, IReadOnlyList<byte[]> leaves) => PathOf(m, leaves.ToArray());

    public static List<byte[]> Proof(int m, IReadOnlyList<byte[]> leaves) =>
        m == 0 || m == leaves.Count ? [] : SubProof(m, leaves.ToArray(), true);

    public static byte[] Leaf(byte[] data) => SHA256.HashData([0x00, .. data]);

    private static byte[] Node(byte[] a, byte[] b) => SHA256.HashData([0x01, .. a, .. b]);

    private static int K(int n)
    {
        var k = 1;
        while (k * 2 < n) k *= 2;
        return k;
    }

    private static byte[] Mth(byte[][] d) => d.Length switch
    {
        0 => SHA256.HashData(Array.Empty<byte>()),
        1 => Leaf(d[0]),
        _ => Node(Mth(d[..K(d.Length)]), Mth(d[K(d.Length)..])),
    };

    private static List<byte[]> PathOf(int m, byte[][] d)
    {
        if (d.Length <= 1) return [];
        var k = K(d.Length);
        return m < k ? [.. PathOf(m, d[..k]), Mth(d[k..])] : [.. PathOf(m - k, d[k..]), Mth(d[..k])];
    }

    private static List<byte[]> SubProof(int m, byte[][] d, bool b)
    {
        if (m == d.Length) return b ? [] : [Mth(d)];
        var k = K(d.Length);
        return m <= k ? [.. SubProof(m, d[..k], b), Mth(d[k..])] : [.. SubProof(m - k, d[k..], false), Mth(d[..k])];
    }
}
