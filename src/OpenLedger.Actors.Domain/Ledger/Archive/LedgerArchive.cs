using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// What a checkpoint holds of the ledger's append-only history, kept in storage and read on demand: the transfer ids
/// used (with their bodies' fingerprints), the pending transfers that ended, and the statement lines, each section as
/// a few sorted runs (<see cref="ArchiveRuns"/>). Memory holds only each run's Bloom filter (10 bits per distinct
/// name) and page table (52 bytes per page), and only from the first lookup that reaches the run
/// (<see cref="ListedRun"/>); summaries and pages come from <see cref="IArchivePages"/>.
/// <para>
/// A lookup hashes the name once, asks each run's filter, and only for a run that says "maybe" finds the page by its
/// fences and scans it. A name no run holds costs no I/O unless a filter errs (about 0.8 % per run). Every read throws
/// <see cref="ArchivePageNeededException"/> for a page not in memory, before answering anything; the caller loads it
/// and asks again. The archive is immutable: a newer checkpoint makes a new one.
/// </para>
/// </summary>
public sealed class LedgerArchive(
    IReadOnlyList<ListedRun> transferIds,
    IReadOnlyList<ListedRun> endedHolds,
    IReadOnlyList<ListedRun> statementLines,
    IArchivePages pages)
{
    public IReadOnlyList<ListedRun> TransferIds => transferIds;
    public IReadOnlyList<ListedRun> EndedHolds => endedHolds;
    public IReadOnlyList<ListedRun> StatementLines => statementLines;

    /// <summary>Transfer ids the archive holds.</summary>
    public long TransferCount { get; } = transferIds.Sum(run => run.Items);

    /// <summary>Bytes of memory the archive holds (the filters and page tables read so far; cached pages are the page source's).</summary>
    public long MemoryBytes => transferIds.Concat(endedHolds).Concat(statementLines).Sum(run => run.Loaded?.MemoryBytes ?? 0);

    /// <summary>Runs whose summaries no lookup has read yet.</summary>
    public int UnreadRuns => transferIds.Concat(endedHolds).Concat(statementLines).Count(run => run.Loaded is null);

    public IReadOnlyList<ListedRun> Runs(CheckpointSection section) => section switch
    {
        CheckpointSection.TransferIds => transferIds,
        CheckpointSection.ResolvedHolds => endedHolds,
        CheckpointSection.StatementLines => statementLines,
        _ => [],
    };

    /// <summary>The fingerprint of an archived transfer id's body, or null if the archive does not hold it.</summary>
    public string? FingerprintOf(string transferId) =>
        FindOne(CheckpointSection.TransferIds, transferIds, transferId) is { } item ? ArchiveRunCodec.FingerprintOf(item) : null;

    /// <summary>An archived pending transfer that ended (posted, voided or expired), or null.</summary>
    public PendingHold? EndedHold(string pendingId)
    {
        if (FindOne(CheckpointSection.ResolvedHolds, endedHolds, pendingId) is not { } item) return null;
        var snapshot = ArchiveRunCodec.HoldOf(item);
        return new PendingHold(snapshot.Transfer) { Status = snapshot.Status, ResolvedBy = snapshot.ResolvedBy };
    }

    /// <summary>
    /// The keys of the pages a lookup of <paramref name="name"/> as a transfer id and as a pending id would read; for a
    /// run whose summary is not in memory, the summary's key instead (ask again once it is loaded).
    /// </summary>
    public IEnumerable<string> PagesFor(string name)
    {
        var hash = ArchiveHash.Of(name);
        foreach (var listed in transferIds.Concat(endedHolds))
        {
            if (listed.Loaded is null && pages.TryGet(listed.SummaryKey) is null)
            {
                yield return listed.SummaryKey;
                continue;
            }
            var run = listed.Run(pages);
            if (!run.Bloom.MayContain(hash)) continue;
            var (first, last) = run.PagesCovering(new(hash, 0), new(hash, 0));
            for (var page = first; page <= last; page++) yield return run.PageKey(page);
        }
    }

    /// <summary>
    /// The archived statement lines of <paramref name="account"/> numbered after <paramref name="afterLine"/> and at
    /// most <paramref name="lastLine"/> (the account's last archived line), at most <paramref name="limit"/>, in order.
    /// Runs are in journal order and each holds a contiguous range of the account's lines, so the lines are read run
    /// after run; a run whose filter says the account is absent is skipped without I/O.
    /// </summary>
    public List<StatementLine> Lines(string account, long afterLine, long lastLine, int limit)
    {
        var lines = new List<StatementLine>();
        var hash = ArchiveHash.Of(account);
        var found = new List<ArchiveItem>();
        foreach (var listed in statementLines)
        {
            var next = afterLine + lines.Count + 1;
            if (lines.Count >= limit || next > lastLine) break;
            var run = listed.Run(pages);
            if (!run.Bloom.MayContain(hash)) continue;
            var (first, last) = run.PagesCovering(new(hash, next), new(hash, lastLine));
            for (var page = first; page <= last && lines.Count < limit; page++)
            {
                found.Clear();
                ArchiveRunCodec.Find(Page(run, page), CheckpointSection.StatementLines, hash, account, afterLine + lines.Count + 1, lastLine, found);
                foreach (var item in found)
                {
                    if (lines.Count >= limit) break;
                    if (item.Sequence != afterLine + lines.Count + 1) throw new InvalidDataException($"Archived statement line {item.Sequence} of {account} follows line {afterLine + lines.Count}.");
                    lines.Add(ArchiveRunCodec.LineOf(item));
                }
            }
        }
        return lines;
    }

    private ArchiveItem? FindOne(CheckpointSection section, IReadOnlyList<ListedRun> runs, string name)
    {
        var hash = ArchiveHash.Of(name);
        var found = new List<ArchiveItem>(1);
        for (var r = runs.Count - 1; r >= 0; r--)
        {
            var run = runs[r].Run(pages);
            if (!run.Bloom.MayContain(hash)) continue;
            var (first, last) = run.PagesCovering(new(hash, 0), new(hash, 0));
            for (var page = first; page <= last; page++)
            {
                ArchiveRunCodec.Find(Page(run, page), section, hash, name, 0, 0, found);
                if (found.Count > 0) return found[0];
            }
        }
        return null;
    }

    private byte[] Page(ArchivedRun run, int page) => pages.TryGet(run.PageKey(page)) ?? throw new ArchivePageNeededException(run.PageKey(page));
}
