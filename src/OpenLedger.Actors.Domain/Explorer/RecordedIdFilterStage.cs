using System.Buffers.Binary;

namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// One stage of a <see cref="RecordedIdFilter"/>: a Bloom filter sized for <see cref="Capacity"/> ids at a false-positive
/// rate it was given, filled in order and then sealed (never changed again). Stored as <see cref="ToBytes"/>: a header
/// (magic, capacity, count, hashes, bits) and the bits. A filter written before stages (1 MiB bits, 7 hashes, no header)
/// reads back as a sealed legacy stage.
/// </summary>
public sealed class RecordedIdFilterStage
{
    private const uint Magic = 0x314C4649; // "IFL1"
    private const int HeaderBytes = 24;

    /// <summary>The single filter kept before stages: 2^20 bits, 7 hashes, about 100,000 ids at 1%.</summary>
    public const int LegacyBits = 1 << 20;
    private const int LegacyHashes = 7;

    private readonly ulong[] _words;

    private RecordedIdFilterStage(int capacity, int count, int hashes, ulong[] words, bool legacy)
    {
        Capacity = capacity;
        Count = count;
        Hashes = hashes;
        _words = words;
        IsLegacy = legacy;
    }

    /// <summary>An empty stage for <paramref name="capacity"/> ids at false-positive rate <paramref name="falsePositiveRate"/>
    /// (bits m = ⌈−n·ln p / ln²2⌉ rounded up to 64, hashes k = round(m/n · ln 2)).</summary>
    public static RecordedIdFilterStage Create(int capacity, double falsePositiveRate)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        if (falsePositiveRate is <= 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(falsePositiveRate));
        var bits = (long)Math.Ceiling(-capacity * Math.Log(falsePositiveRate) / (Math.Log(2) * Math.Log(2)));
        var words = (bits + 63) / 64;
        var hashes = Math.Max(1, (int)Math.Round(words * 64.0 / capacity * Math.Log(2)));
        return new RecordedIdFilterStage(capacity, 0, hashes, new ulong[words], legacy: false);
    }

    public int Capacity { get; }
    public int Count { get; private set; }
    public int Hashes { get; }
    public long Bits => _words.LongLength * 64;
    public bool IsFull => Count >= Capacity;

    /// <summary>Positions are those of the filter before stages (kept readable so no recorded id is forgotten).</summary>
    public bool IsLegacy { get; }

    public int ByteSize => _words.Length * 8 + (IsLegacy ? 0 : HeaderBytes);

    public void Add(in RecordedIdHash hash, int stage)
    {
        if (IsLegacy) throw new InvalidOperationException("A legacy stage is sealed.");
        for (var i = 0; i < Hashes; i++)
        {
            var bit = Position(hash, stage, i);
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }
        Count++;
    }

    public bool MayContain(in RecordedIdHash hash, int stage)
    {
        for (var i = 0; i < Hashes; i++)
        {
            var bit = Position(hash, stage, i);
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0) return false;
        }
        return true;
    }

    /// <summary>Double hashing: the legacy stage over two 32-bit halves (as before), the others over two 64-bit words salted by the stage.</summary>
    private long Position(in RecordedIdHash hash, int stage, int i)
    {
        if (IsLegacy) return (long)((hash.Low32 + (ulong)i * hash.Step32) % LegacyBits);
        var a = hash.A ^ ((ulong)(stage + 1) * 0x9E3779B97F4A7C15UL);
        return (long)((a + (ulong)i * hash.B) % (ulong)Bits);
    }

    public byte[] ToBytes()
    {
        var bytes = new byte[ByteSize];
        var body = bytes.AsSpan(IsLegacy ? 0 : HeaderBytes);
        if (!IsLegacy)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, Magic);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(4), Capacity);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(8), Count);
            BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(12), Hashes);
            BinaryPrimitives.WriteInt64LittleEndian(bytes.AsSpan(16), _words.LongLength);
        }
        for (var w = 0; w < _words.Length; w++) BinaryPrimitives.WriteUInt64LittleEndian(body[(w * 8)..], _words[w]);
        return bytes;
    }

    /// <summary>A stage from <see cref="ToBytes"/>, or the legacy filter's 128 KiB; null for anything else (an empty state).</summary>
    public static RecordedIdFilterStage? FromBytes(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0) return null;
        if (bytes.Length >= HeaderBytes && BinaryPrimitives.ReadUInt32LittleEndian(bytes) == Magic)
        {
            var words = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(16));
            if (words <= 0 || bytes.Length != HeaderBytes + words * 8) throw new InvalidDataException("A recorded-id filter stage is truncated.");
            return new RecordedIdFilterStage(BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(4)), BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8)),
                BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(12)), ReadWords(bytes.AsSpan(HeaderBytes), words), legacy: false);
        }
        if (bytes.Length == LegacyBits / 8)
            return new RecordedIdFilterStage(int.MaxValue, int.MaxValue, LegacyHashes, ReadWords(bytes, LegacyBits / 64), legacy: true);
        return null;
    }

    private static ulong[] ReadWords(ReadOnlySpan<byte> body, long count)
    {
        var words = new ulong[count];
        for (var w = 0; w < count; w++) words[w] = BinaryPrimitives.ReadUInt64LittleEndian(body[(w * 8)..]);
        return words;
    }
}
