using OpenLedger.Actors.Domain.Ledger.Checkpoints;

namespace OpenLedger.Actors.Domain.Ledger.Archive;

/// <summary>
/// A run as a checkpoint manifest lists it: its section, item count and the key of its summary artifact (Bloom filter
/// and page table, <see cref="ArchiveRunCodec.EncodeSummary"/>). The summary is read on the first lookup that reaches
/// this run, not when the checkpoint is loaded, so activation reads a fixed number of artifacts whatever the history;
/// once decoded it stays (runs are immutable). Like a page, a summary not in memory is an
/// <see cref="ArchivePageNeededException"/> naming its key: the caller loads it and asks again.
/// </summary>
public sealed class ListedRun
{
    private ArchivedRun? _run;

    public ListedRun(CheckpointSection section, string summaryKey, long items)
    {
        Section = section;
        SummaryKey = summaryKey;
        Items = items;
    }

    /// <summary>A run already in memory (one a checkpoint just wrote).</summary>
    public ListedRun(ArchivedRun run) : this(run.Section, run.SummaryKey, run.Items) => _run = run;

    public CheckpointSection Section { get; }
    public string SummaryKey { get; }
    public long Items { get; }

    /// <summary>The decoded summary, if a lookup has read it.</summary>
    public ArchivedRun? Loaded => _run;

    /// <summary>The run's summary, decoded from <paramref name="pages"/> on first use (throws <see cref="ArchivePageNeededException"/> if it is not there).</summary>
    public ArchivedRun Run(IArchivePages pages) => _run ?? Decode(pages.TryGet(SummaryKey) ?? throw new ArchivePageNeededException(SummaryKey));

    /// <summary>The run's summary, read with <paramref name="read"/> (verified bytes) if not in memory; for work off the ledger's turn, which does not keep it.</summary>
    public async Task<ArchivedRun> ReadAsync(Func<string, CancellationToken, Task<byte[]>> read, CancellationToken cancellationToken) =>
        _run ?? Check(ArchiveRunCodec.DecodeSummary(await read(SummaryKey, cancellationToken), Section));

    private ArchivedRun Decode(byte[] summary) => _run = Check(ArchiveRunCodec.DecodeSummary(summary, Section));

    private ArchivedRun Check(ArchivedRun run) =>
        run.Items == Items ? run : throw new InvalidDataException($"The {Section} run {SummaryKey} holds {run.Items} items; its checkpoint lists {Items}.");
}
