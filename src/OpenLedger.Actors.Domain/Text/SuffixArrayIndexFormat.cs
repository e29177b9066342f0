using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// The stored form of a <see cref="SuffixArrayIndex"/>, a content-addressed artifact: its name is the SHA-256 (lower-case
/// hex) of its bytes, so a reader that knows the name knows the content. Little-endian:
/// <code>
/// "OLSAIDX1"                 8 bytes, magic and version
/// stream length n            int32 (tokens, separators included)
/// documents d                int32
/// stream                     n × uint16
/// suffix array               n × int32
/// document starts            d × int32
/// row ids                    d × int64
/// </code>
/// 6 bytes per token plus 12 per document plus 16: a 10 M-token shard of 1,000-token documents takes 6.01 bytes per
/// token. Unigram counts and the first-token table are recomputed on load (one pass). Reading verifies the hash (when a
/// name is given) and the structure: sizes, vocabulary ids, separators where the documents end, distinct row ids and a
/// suffix array that is a permutation; the order of the suffixes is covered by the hash, not re-checked.
/// </summary>
public static class SuffixArrayIndexFormat
{
    private static readonly byte[] Magic = "OLSAIDX1"u8.ToArray();
    private const int HeaderBytes = 16;

    /// <summary>Bytes the stored index of <paramref name="index"/> takes.</summary>
    public static long StoredBytes(SuffixArrayIndex index) =>
        HeaderBytes + index.Stream.Length * 6L + index.DocumentCount * 12L;

    /// <summary>Writes the index to <paramref name="destination"/> and returns its content hash (the artifact's name).</summary>
    public static string Write(SuffixArrayIndex index, Stream destination)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(destination);
        EnsureLittleEndian();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), index.Stream.Length);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(12), index.DocumentCount);
        Append(header);
        Append(index.StreamBytes);
        Append(index.SuffixArrayBytes);
        Append(MemoryMarshal.AsBytes(index.DocumentStarts));
        Append(MemoryMarshal.AsBytes(index.RowIds));
        return Convert.ToHexStringLower(hash.GetHashAndReset());

        void Append(ReadOnlySpan<byte> bytes)
        {
            const int chunk = 1 << 20;
            for (var offset = 0; offset < bytes.Length; offset += chunk)
            {
                var part = bytes.Slice(offset, Math.Min(chunk, bytes.Length - offset));
                hash.AppendData(part);
                destination.Write(part);
            }
        }
    }

    /// <summary>The stored bytes of the index and their content hash.</summary>
    public static (byte[] Bytes, string ContentHash) ToBytes(SuffixArrayIndex index)
    {
        using var memory = new MemoryStream(checked((int)StoredBytes(index)));
        var name = Write(index, memory);
        return (memory.ToArray(), name);
    }

    /// <summary>
    /// Reads a stored index. With <paramref name="expectedHash"/>, bytes whose hash differs are refused
    /// (<see cref="InvalidDataException"/>), as is any malformed content.
    /// </summary>
    public static SuffixArrayIndex Read(Stream source, string? expectedHash = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        EnsureLittleEndian();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var header = new byte[HeaderBytes];
        Fill(header);
        if (!header.AsSpan(0, 8).SequenceEqual(Magic)) throw new InvalidDataException("Not a stored suffix-array index (bad magic or version).");
        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
        var documents = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
        if (length < 0 || documents < 0 || documents > length) throw new InvalidDataException($"Bad sizes: {length} tokens, {documents} documents.");
        var body = length * 6L + documents * 12L;
        if (source.CanSeek && source.Length - source.Position != body)
            throw new InvalidDataException($"The stored index should hold {body + HeaderBytes:N0} bytes, it holds {source.Length - source.Position + HeaderBytes:N0}.");

        var stream = GC.AllocateUninitializedArray<ushort>(length);
        var suffixArray = GC.AllocateUninitializedArray<int>(length);
        var starts = new int[documents];
        var rowIds = new long[documents];
        Fill(MemoryMarshal.AsBytes(stream.AsSpan()));
        Fill(MemoryMarshal.AsBytes(suffixArray.AsSpan()));
        Fill(MemoryMarshal.AsBytes(starts.AsSpan()));
        Fill(MemoryMarshal.AsBytes(rowIds.AsSpan()));
        if (source.ReadByte() != -1) throw new InvalidDataException("The stored index has bytes after its end.");
        var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (expectedHash is not null && !string.Equals(actual, expectedHash, StringComparison.OrdinalIgnoreCase))
            throw new InvalidDataException($"The stored index hashes to {actual}, not {expectedHash}.");

        int[] expectedStarts;
        try
        {
            expectedStarts = SuffixArrayIndex.ValidateStream(stream, rowIds);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"Malformed token stream: {error.Message}", error);
        }
        if (!expectedStarts.AsSpan().SequenceEqual(starts)) throw new InvalidDataException("The document starts do not match the separators.");
        var seen = new ulong[(length + 63) >> 6];
        foreach (var position in suffixArray)
        {
            if ((uint)position >= (uint)length || (seen[position >> 6] & (1UL << (position & 63))) != 0)
                throw new InvalidDataException("The suffix array is not a permutation of the stream's positions.");
            seen[position >> 6] |= 1UL << (position & 63);
        }
        return new SuffixArrayIndex(stream, suffixArray, starts, rowIds);

        void Fill(Span<byte> buffer)
        {
            const int chunk = 1 << 20;
            for (var offset = 0; offset < buffer.Length; offset += chunk)
            {
                var part = buffer.Slice(offset, Math.Min(chunk, buffer.Length - offset));
                try
                {
                    source.ReadExactly(part);
                }
                catch (EndOfStreamException error)
                {
                    throw new InvalidDataException("The stored index is truncated.", error);
                }
                hash.AppendData(part);
            }
        }
    }

    private static void EnsureLittleEndian()
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("The stored index format is little-endian.");
    }
}
