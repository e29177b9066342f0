using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// How the runs of an archived section are kept few: each checkpoint adds one run (what it gained since the last,
/// sorted), then while the newest run is at least half the size of the one before it, the two are merged into one
/// (adjacent runs only, so runs stay in journal order and an account's statement lines stay contiguous in each run).
/// Run sizes then at least double going back, so a section of N items has at most about log₂(N / items per
/// checkpoint) + 1 runs — 10 M ids taken 25,600 at a time: at most ~10 — and each item is rewritten about that many
/// times in all. A merge streams both runs page by page (one page of each in memory) and runs off the ledger's turn.
/// </summary>
public static class ArchiveRuns
{
    /// <summary>Whether the two newest runs are to be merged.</summary>
    public static bool ShouldMerge(IReadOnlyList<ListedRun> runs) => runs.Count >= 2 && runs[^1].Items * 2 >= runs[^2].Items;

    /// <summary>Merges <paramref name="runs"/> (in journal order) into one run, reading their pages with <paramref name="read"/> and storing the new ones with <paramref name="put"/>.</summary>
    public static async Task<ArchivedRun> MergeAsync(CheckpointSection section, IReadOnlyList<ArchivedRun> runs,
        Func<string, CancellationToken, Task<byte[]>> read, Func<byte[], CancellationToken, Task> put, CancellationToken cancellationToken)
    {
        var writer = new ArchiveRunWriter(section, runs.Sum(r => r.Names));
        var cursors = runs.Select(run => new Cursor(run, section, read)).ToList();
        foreach (var cursor in cursors) await cursor.MoveAsync(cancellationToken);
        while (true)
        {
            Cursor? next = null;
            foreach (var cursor in cursors)
            {
                if (cursor.Current is { } item && (next is null || item.CompareTo(next.Current!.Value) < 0)) next = cursor;
            }
            if (next is null) break;
            writer.Add(next.Current!.Value);
            await next.MoveAsync(cancellationToken);
            foreach (var page in writer.Ready) await put(page, cancellationToken);
            writer.Ready.Clear();
        }
        var merged = writer.Finish();
        foreach (var page in writer.Ready) await put(page, cancellationToken);
        writer.Ready.Clear();
        if (merged.Items != runs.Sum(r => r.Items)) throw new InvalidDataException($"Merging {section} runs of {runs.Sum(r => r.Items)} items gave {merged.Items}.");
        return merged;
    }

    private sealed class Cursor(ArchivedRun run, CheckpointSection section, Func<string, CancellationToken, Task<byte[]>> read)
    {
        private List<ArchiveItem> _page = [];
        private int _index = -1;
        private int _pageNumber = -1;

        public ArchiveItem? Current => _index >= 0 && _index < _page.Count ? _page[_index] : null;

        public async Task MoveAsync(CancellationToken cancellationToken)
        {
            _index++;
            while (_index >= _page.Count && _pageNumber + 1 < run.PageCount)
            {
                _pageNumber++;
                _page = ArchiveRunCodec.DecodePage(await read(run.PageKey(_pageNumber), cancellationToken), section);
                if (_page.Count != run.PageItems(_pageNumber)) throw new InvalidDataException($"A {section} page holds {_page.Count} items; its run says {run.PageItems(_pageNumber)}.");
                _index = 0;
            }
        }
    }
}
