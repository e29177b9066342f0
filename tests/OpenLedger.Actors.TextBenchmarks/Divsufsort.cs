using System.Runtime.InteropServices;

namespace OpenLedger.Actors.TextBenchmarks;

/// <summary>
/// The peer: Debian's libdivsufsort (package libdivsufsort3, 32-bit indexes), the reference fast suffix sorter for byte
/// strings, called through P/Invoke. It sorts bytes, so the token stream is given to it in one of two byte encodings:
/// <list type="bullet">
/// <item><c>be16</c>: each token as two bytes, big-endian. Byte order then equals token order, and the suffixes at even
/// offsets are exactly the token suffix array — the same problem, but 2n suffixes to sort for n tokens.</item>
/// <item><c>dense</c>: each token re-coded by frequency rank in a prefix-free code of 1–3 bytes (the 128 most frequent
/// ids in one byte, the next 16,384 in two, the rest in three), about 1.4 bytes per token on English text. Its suffix
/// array is not in token order, but it indexes the same text (a query re-coded the same way finds the same places,
/// filtered to code-word starts), and it gives libdivsufsort the fewest suffixes to sort: the strongest form of the peer.</item>
/// </list>
/// </summary>
internal static unsafe partial class Divsufsort
{
    private const string Library = "libdivsufsort.so.3";

    [LibraryImport(Library, EntryPoint = "divsufsort")]
    private static partial int Sort(byte* text, int* suffixArray, int length);

    [LibraryImport(Library, EntryPoint = "divsufsort_version")]
    private static partial nint VersionPointer();

    public static string Version => Marshal.PtrToStringUTF8(VersionPointer()) ?? "unknown";

    /// <summary>Builds the suffix array of <paramref name="bytes"/> into native memory (freed here); returns its first entries for a sanity check.</summary>
    public static int[] Build(ReadOnlySpan<byte> bytes, int keep = 4)
    {
        var suffixArray = (int*)NativeMemory.Alloc((nuint)bytes.Length, sizeof(int));
        try
        {
            int status;
            fixed (byte* text = bytes) status = Sort(text, suffixArray, bytes.Length);
            if (status != 0) throw new InvalidOperationException($"divsufsort returned {status}.");
            return new ReadOnlySpan<int>(suffixArray, Math.Min(keep, bytes.Length)).ToArray();
        }
        finally
        {
            NativeMemory.Free(suffixArray);
        }
    }

    public static byte[] EncodeBigEndian16(ReadOnlySpan<ushort> stream)
    {
        var bytes = GC.AllocateUninitializedArray<byte>(stream.Length * 2);
        for (var i = 0; i < stream.Length; i++)
        {
            bytes[2 * i] = (byte)(stream[i] >> 8);
            bytes[2 * i + 1] = (byte)stream[i];
        }
        return bytes;
    }

    public static byte[] EncodeDense(ReadOnlySpan<ushort> stream)
    {
        var counts = new long[65536];
        foreach (var token in stream) counts[token]++;
        var byRank = Enumerable.Range(0, 65536).Where(t => counts[t] > 0).OrderByDescending(t => counts[t]).ThenBy(t => t).ToArray();
        var rank = new int[65536];
        for (var r = 0; r < byRank.Length; r++) rank[byRank[r]] = r;
        long length = 0;
        foreach (var token in stream) length += CodeLength(rank[token]);
        var bytes = GC.AllocateUninitializedArray<byte>(checked((int)length));
        var at = 0;
        foreach (var token in stream)
        {
            var r = rank[token];
            if (r < 128)
            {
                bytes[at++] = (byte)r;
            }
            else if (r < 128 + 16_384)
            {
                var v = r - 128;
                bytes[at++] = (byte)(0x80 | (v >> 8));
                bytes[at++] = (byte)v;
            }
            else
            {
                var v = r - 128 - 16_384;
                bytes[at++] = (byte)(0xC0 | (v >> 16));
                bytes[at++] = (byte)(v >> 8);
                bytes[at++] = (byte)v;
            }
        }
        return bytes;
    }

    private static int CodeLength(int rank) => rank < 128 ? 1 : rank < 128 + 16_384 ? 2 : 3;
}
