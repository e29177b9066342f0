using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// Writes one sorted run: items arrive in (hash, sequence, name) order and are cut into pages of
/// <see cref="ArchiveRunCodec.MaxPageBytes"/>; each closed page waits in <see cref="Ready"/> for its caller to store it
/// (so a merge of large runs holds one page at a time). The Bloom filter is sized up front for
/// <paramref name="maxNames"/> distinct names.
/// </summary>
public sealed class ArchiveRunWriter(CheckpointSection section, long maxNames)
{
    private readonly ArchiveBloomFilter _bloom = new(maxNames);
    private readonly List<(byte[] Key, int Items, ArchiveFence First)> _pages = [];
    private readonly List<ArchiveItem> _open = [];
    private int _openBytes;
    private long _items;
    private long _names;
    private ArchiveItem? _last;

    /// <summary>Closed pages not yet taken by the caller.</summary>
    public List<byte[]> Ready { get; } = [];

    public void Add(ArchiveItem item)
    {
        if (_last is { } last)
        {
            var order = item.CompareTo(last);
            if (order < 0) throw new InvalidOperationException($"Item {item.Name}/{item.Sequence} of a {section} run comes after {last.Name}/{last.Sequence}.");
            if (order == 0) throw new InvalidDataException($"Item {item.Name}/{item.Sequence} appears twice in the {section} archive.");
        }
        if (_last is null || _last.Value.Hash != item.Hash)
        {
            if (++_names > maxNames) throw new InvalidOperationException($"A {section} run holds more than the {maxNames} names its filter was sized for.");
            _bloom.Add(item.Hash);
        }
        _last = item;
        _open.Add(item);
        _openBytes += ArchiveRunCodec.SizeOf(item);
        _items++;
        if (_openBytes >= ArchiveRunCodec.MaxPageBytes) Close();
    }

    /// <summary>Closes the last page and returns the run (its last pages are in <see cref="Ready"/>).</summary>
    public ArchivedRun Finish()
    {
        if (_open.Count > 0) Close();
        return new ArchivedRun(section, _items, _names, _bloom, _pages);
    }

    private void Close()
    {
        var page = ArchiveRunCodec.EncodePage(section, _open);
        _pages.Add((Convert.FromHexString(ArchiveRunCodec.KeyOf(page)), _open.Count, _open[0].Fence));
        Ready.Add(page);
        _open.Clear();
        _openBytes = 0;
    }

    /// <summary>A run of <paramref name="items"/> (sorted here; they are what one checkpoint adds, so they fit in memory).</summary>
    public static (ArchivedRun Run, List<byte[]> Pages) Build(CheckpointSection section, IEnumerable<ArchiveItem> items)
    {
        var sorted = items.ToArray();
        Array.Sort(sorted);
        var names = 0L;
        for (var i = 0; i < sorted.Length; i++) if (i == 0 || sorted[i].Hash != sorted[i - 1].Hash) names++;
        var writer = new ArchiveRunWriter(section, names);
        foreach (var item in sorted) writer.Add(item);
        var run = writer.Finish();
        return (run, writer.Ready);
    }
}
