namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// The Bloom filter of one archived run: <see cref="BitsPerKey"/> bits and <see cref="Probes"/> probes per distinct
/// name, so about 0.8 % of names the run does not hold answer "maybe" (and cost one page read); a name it holds always
/// answers "maybe". Probes are derived from the name's <see cref="ArchiveHash"/> by double hashing.
/// </summary>
public sealed class ArchiveBloomFilter
{
    public const int BitsPerKey = 10;
    public const int Probes = 7;

    private readonly ulong[] _words;

    public ArchiveBloomFilter(long keys) : this(new ulong[Math.Max(1, (Math.Max(1, keys) * BitsPerKey + 63) / 64)]) { }

    public ArchiveBloomFilter(ulong[] words) => _words = words.Length > 0 ? words : throw new InvalidDataException("A Bloom filter has no bits.");

    public ReadOnlySpan<ulong> Words => _words;

    /// <summary>Bytes of memory the filter holds.</summary>
    public long Bytes => _words.LongLength * 8;

    public void Add(ulong hash)
    {
        var bits = (ulong)_words.LongLength * 64;
        var (a, b) = Split(hash);
        for (ulong i = 0; i < Probes; i++)
        {
            var bit = (a + i * b) % bits;
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }
    }

    public bool MayContain(ulong hash)
    {
        var bits = (ulong)_words.LongLength * 64;
        var (a, b) = Split(hash);
        for (ulong i = 0; i < Probes; i++)
        {
            var bit = (a + i * b) % bits;
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0) return false;
        }
        return true;
    }

    private static (ulong A, ulong B) Split(ulong hash) => (hash, ((hash >> 29) ^ (hash * 0x9E3779B97F4A7C15UL)) | 1);
}
