using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// A Bloom filter of the inference ids the explorer has recorded: fixed size (<see cref="Bits"/> bits, 128 KiB) whatever
/// the traffic, no false negatives, and false positives rare (about 1% at 100,000 ids, rising slowly beyond). The
/// explorer answers an unknown inference id from it — 404 without activating an inference grain or reading storage; a
/// false positive only costs the one grain call the page would have made anyway.
/// </summary>
public sealed class RecordedIdFilter
{
    public const int Bits = 1 << 20;
    public const int Hashes = 7;
    private readonly byte[] _bits;

    public RecordedIdFilter() => _bits = new byte[Bits / 8];

    /// <summary>A filter restored from <see cref="ToBytes"/> (an empty or wrong-sized array starts empty).</summary>
    public RecordedIdFilter(byte[]? saved) => _bits = saved is { Length: Bits / 8 } ? (byte[])saved.Clone() : new byte[Bits / 8];

    public void Add(string id)
    {
        foreach (var bit in Positions(id)) _bits[bit >> 3] |= (byte)(1 << (bit & 7));
    }

    /// <summary>False: the id was certainly never added. True: it probably was.</summary>
    public bool MayContain(string id)
    {
        foreach (var bit in Positions(id))
            if ((_bits[bit >> 3] & (1 << (bit & 7))) == 0) return false;
        return true;
    }

    public byte[] ToBytes() => (byte[])_bits.Clone();

    /// <summary>Double hashing over two 32-bit halves of SHA-256 (stable across processes, unlike string hash codes).</summary>
    private static IEnumerable<int> Positions(string id)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(id));
        var h1 = BitConverter.ToUInt32(hash, 0);
        var h2 = BitConverter.ToUInt32(hash, 4) | 1;
        for (uint i = 0; i < Hashes; i++) yield return (int)((h1 + i * h2) & (Bits - 1));
    }
}
