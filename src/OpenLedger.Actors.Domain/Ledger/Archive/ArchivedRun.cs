using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// One sorted, immutable run of an archived section (transfer ids, ended pending transfers or statement lines), as
/// memory holds it: its Bloom filter and, per page, the page's key, item count and fence (the first item's hash and
/// sequence) — 52 bytes per page in flat arrays, no strings. The pages themselves stay in storage and are read on
/// demand; the run is stored as a summary artifact (<see cref="ArchiveRunCodec.EncodeSummary"/>) named by
/// <see cref="SummaryKey"/>.
/// </summary>
public sealed class ArchivedRun
{
    private readonly byte[] _keys;
    private readonly int[] _items;
    private readonly ulong[] _hashes;
    private readonly long[] _sequences;

    public ArchivedRun(CheckpointSection section, long items, long names, ArchiveBloomFilter bloom, IReadOnlyList<(byte[] Key, int Items, ArchiveFence First)> pages)
    {
        Section = section;
        Items = items;
        Names = names;
        Bloom = bloom;
        _keys = new byte[pages.Count * 32];
        _items = new int[pages.Count];
        _hashes = new ulong[pages.Count];
        _sequences = new long[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            if (pages[i].Key.Length != 32) throw new InvalidDataException("A page key is not 32 bytes.");
            if (i > 0 && pages[i].First < pages[i - 1].First) throw new InvalidDataException($"The pages of a {section} run are out of order.");
            pages[i].Key.CopyTo(_keys, i * 32);
            (_items[i], _hashes[i], _sequences[i]) = (pages[i].Items, pages[i].First.Hash, pages[i].First.Sequence);
        }
        if (_items.Sum(n => (long)n) != items) throw new InvalidDataException($"A {section} run says {items} items; its pages hold {_items.Sum(n => (long)n)}.");
        _summaryKey = new Lazy<string>(() => ArchiveRunCodec.KeyOf(ArchiveRunCodec.EncodeSummary(this)));
    }

    private readonly Lazy<string> _summaryKey;

    public CheckpointSection Section { get; }

    /// <summary>Items in the run.</summary>
    public long Items { get; }

    /// <summary>Distinct names the Bloom filter was sized for (at most <see cref="Items"/>).</summary>
    public long Names { get; }

    public ArchiveBloomFilter Bloom { get; }

    /// <summary>The key of the run's summary artifact (SHA-256 of its encoding).</summary>
    public string SummaryKey => _summaryKey.Value;

    public int PageCount => _items.Length;

    /// <summary>Bytes of memory the run holds (filter and page table).</summary>
    public long MemoryBytes => Bloom.Bytes + _keys.Length + _items.Length * (4L + 8 + 8);

    public string PageKey(int page) => Convert.ToHexStringLower(_keys.AsSpan(page * 32, 32));

    public ReadOnlySpan<byte> PageKeyBytes(int page) => _keys.AsSpan(page * 32, 32);

    public int PageItems(int page) => _items[page];

    public ArchiveFence PageFence(int page) => new(_hashes[page], _sequences[page]);

    /// <summary>
    /// The pages that may hold items whose (hash, sequence) lies in [<paramref name="from"/>, <paramref name="to"/>]:
    /// page i holds [fence i, fence i+1] (both ends, since names break ties), so from the last page whose fence is
    /// below <paramref name="from"/> to the last whose fence is at most <paramref name="to"/>. Usually one page.
    /// </summary>
    public (int First, int Last) PagesCovering(ArchiveFence from, ArchiveFence to)
    {
        var below = CountBelow(from, inclusive: false);
        var atMost = CountBelow(to, inclusive: true);
        return (Math.Max(0, below - 1), atMost - 1);
    }

    /// <summary>How many fences are below <paramref name="fence"/> (or equal to it, if <paramref name="inclusive"/>).</summary>
    private int CountBelow(ArchiveFence fence, bool inclusive)
    {
        int lo = 0, hi = _items.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            var c = PageFence(mid).CompareTo(fence);
            if (c < 0 || (inclusive && c == 0)) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}
