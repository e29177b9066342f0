using OpenLedger.Actors.Domain.Ledger.Archive;

namespace OpenLedger.Actors.Domain.Ledger.Checkpoints;

/// <summary>
/// Writes a checkpoint through an artifact store given as two functions (<c>put</c> returns the SHA-256 key of the
/// bytes; <c>read</c> returns verified bytes): accounts and open pending transfers as pages, written whole; for each
/// append-only section the runs of <c>previous</c> (as listed: their summaries are read only to merge them), one new run of what the content adds (sorted), then
/// merges (<see cref="ArchiveRuns"/>); run pages and summaries before the manifest, so a stored manifest names only
/// stored artifacts. Encoding runs off the caller's thread.
/// </summary>
public static class CheckpointWriter
{
    public static readonly IReadOnlyList<CheckpointSection> ArchivedSections = [CheckpointSection.TransferIds, CheckpointSection.ResolvedHolds, CheckpointSection.StatementLines];

    public static async Task<(CheckpointManifest Manifest, string ManifestKey, LedgerArchive Archive)> StoreAsync(LedgerArchive? previous, CheckpointContent content,
        IArchivePages pages, Func<ReadOnlyMemory<byte>, CancellationToken, Task<string>> put, Func<string, CancellationToken, Task<byte[]>> read,
        CancellationToken cancellationToken = default)
    {
        var sections = new Dictionary<CheckpointSection, IReadOnlyList<CheckpointPage>>();
        var (accounts, openHolds) = await Task.Run(() => (CheckpointCodec.EncodeAccounts(content.Accounts),
            CheckpointCodec.EncodeHolds(CheckpointSection.OpenHolds, content.OpenHolds)), cancellationToken);
        sections[CheckpointSection.Accounts] = await PutPagesAsync(accounts);
        sections[CheckpointSection.OpenHolds] = await PutPagesAsync(openHolds);
        var runs = new Dictionary<CheckpointSection, IReadOnlyList<ListedRun>>();
        foreach (var section in ArchivedSections)
        {
            var kept = (previous?.Runs(section) ?? []).ToList();
            var (run, runPages) = await Task.Run(() => ArchiveRunWriter.Build(section, NewItems(content, section)), cancellationToken);
            if (run.Items > 0)
            {
                foreach (var page in runPages) await PutAsync(page, cancellationToken);
                kept.Add(await StoredAsync(run));
            }
            while (ArchiveRuns.ShouldMerge(kept))
            {
                var merging = new List<ArchivedRun>();
                foreach (var listed in kept[^2..]) merging.Add(await listed.ReadAsync(read, cancellationToken));
                var merged = await ArchiveRuns.MergeAsync(section, merging, read, PutAsync, cancellationToken);
                kept.RemoveRange(kept.Count - 2, 2);
                kept.Add(await StoredAsync(merged));
            }
            sections[section] = kept.Select(r => new CheckpointPage(r.SummaryKey, checked((int)r.Items))).ToList();
            runs[section] = kept;
        }
        var manifest = new CheckpointManifest(content.Position, content.HeadHash, content.TakenAt, content.TransferCount, content.PostingCount, sections);
        var key = await PutKeyAsync(CheckpointCodec.EncodeManifest(manifest));
        return (manifest, key, new LedgerArchive(runs[CheckpointSection.TransferIds], runs[CheckpointSection.ResolvedHolds], runs[CheckpointSection.StatementLines], pages));

        async Task PutAsync(byte[] bytes, CancellationToken token)
        {
            var stored = await put(bytes, token);
            if (stored != ArchiveRunCodec.KeyOf(bytes)) throw new InvalidOperationException($"The artifact store named an artifact {stored}, not by its SHA-256.");
        }

        Task<string> PutKeyAsync(byte[] bytes) => put(bytes, cancellationToken);

        // A run this checkpoint made: its summary is stored (runs it kept from the one before are stored already).
        async Task<ListedRun> StoredAsync(ArchivedRun made)
        {
            await PutAsync(ArchiveRunCodec.EncodeSummary(made), cancellationToken);
            return new ListedRun(made);
        }

        async Task<IReadOnlyList<CheckpointPage>> PutPagesAsync(List<byte[]> encoded)
        {
            var stored = new List<CheckpointPage>();
            foreach (var page in encoded) stored.Add(new CheckpointPage(await PutKeyAsync(page), CheckpointCodec.ItemCount(page)));
            return stored;
        }
    }

    private static IEnumerable<ArchiveItem> NewItems(CheckpointContent content, CheckpointSection section) => section switch
    {
        CheckpointSection.TransferIds => content.NewTransferIds.Select(ArchiveRunCodec.ItemOf),
        CheckpointSection.ResolvedHolds => content.NewlyResolvedHolds.Select(ArchiveRunCodec.ItemOf),
        CheckpointSection.StatementLines => content.NewStatementLines.Select(ArchiveRunCodec.ItemOf),
        _ => [],
    };
}
