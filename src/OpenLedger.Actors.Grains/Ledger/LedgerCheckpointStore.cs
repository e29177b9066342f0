using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// Ledger checkpoints as content-addressed artifacts (<see cref="IArtifactStore"/>): the accounts and the open pending
/// transfers as pages (<see cref="CheckpointCodec"/>), the append-only sections (ids, ended pending transfers,
/// statement lines) as sorted runs (<see cref="ArchiveRunCodec"/>, merged as <see cref="ArchiveRuns"/> says), and a
/// manifest listing the pages and the runs' summaries. Writing encodes off the ledger's turn and stores pages and runs
/// before the manifest, so a manifest that exists names only artifacts that exist. Loading reads the manifest and the
/// account and open-hold pages — never a run's summary or pages: those are read on demand through the
/// ledger's <see cref="ArchivePageCache"/>. Every artifact read is verified against its key; a checkpoint that is
/// missing, altered or does not decode is a <see cref="JournalIntegrityException"/> — the ledger refuses to serve
/// rather than start from something else.
/// </summary>
internal sealed class LedgerCheckpointStore(IArtifactStore artifacts)
{
    /// <summary>How many artifacts are read at once while loading.</summary>
    private const int ReadAhead = 8;

    /// <summary>Stores <paramref name="content"/> as the checkpoint after <paramref name="previous"/> (<see cref="CheckpointWriter"/>).</summary>
    public async Task<(CheckpointManifest Manifest, CheckpointPointer Pointer, LedgerArchive Archive)> StoreAsync(LedgerArchive? previous, CheckpointContent content,
        IArchivePages pages, CancellationToken cancellationToken = default)
    {
        var (manifest, key, archive) = await CheckpointWriter.StoreAsync(previous, content, pages, artifacts.PutAsync, ReadVerifiedAsync, cancellationToken);
        return (manifest, new CheckpointPointer(key, manifest.Position), archive);
    }

    /// <summary>
    /// Reads and verifies the checkpoint <paramref name="pointer"/> names and loads it into <paramref name="target"/>:
    /// accounts and open pending transfers whole, the archive as the list of its runs (summaries and pages read later through <paramref name="pages"/>).
    /// </summary>
    public async Task<(CheckpointManifest Manifest, LedgerArchive Archive)> LoadAsync(CheckpointPointer pointer, CheckpointRestore target, IArchivePages pages,
        CancellationToken cancellationToken)
    {
        var manifest = Decode(pointer, await ReadAsync(pointer.Key, "manifest", cancellationToken), CheckpointCodec.DecodeManifest);
        if (manifest.Position != pointer.Position)
            throw new JournalIntegrityException($"Checkpoint {pointer.Key} covers records up to {manifest.Position}, but the head witness says {pointer.Position}.");
        var runs = new Dictionary<CheckpointSection, IReadOnlyList<ListedRun>>();
        foreach (var section in Enum.GetValues<CheckpointSection>())
        {
            var entries = manifest.Pages(section);
            if (CheckpointManifest.IsArchived(section))
            {
                // Only listed: a run's summary (its filter and page table) is read by the first lookup that reaches it.
                runs[section] = entries.Select(entry => new ListedRun(section, entry.Key, entry.Items)).ToList();
                continue;
            }
            for (var first = 0; first < entries.Count; first += ReadAhead)
            {
                var window = entries.Skip(first).Take(ReadAhead).ToList();
                var bytes = await Task.WhenAll(window.Select(entry => ReadAsync(entry.Key, $"{section} page", cancellationToken)));
                for (var i = 0; i < window.Count; i++)
                {
                    var items = Decode(pointer, bytes[i], page => CheckpointCodec.DecodePage(page, section, target));
                    if (items != window[i].Items)
                        throw new JournalIntegrityException($"Checkpoint {pointer.Key}: {section} entry {window[i].Key} holds {items} items, its manifest says {window[i].Items}.");
                }
            }
        }
        var archive = new LedgerArchive(runs[CheckpointSection.TransferIds], runs[CheckpointSection.ResolvedHolds], runs[CheckpointSection.StatementLines], pages);
        Decode(pointer, manifest, m => { target.Finish(m, archive); return m; });
        return (manifest, archive);
    }

    private Task<byte[]> ReadVerifiedAsync(string key, CancellationToken cancellationToken) => ReadAsync(key, "archived page", cancellationToken);

    private async Task<byte[]> ReadAsync(string key, string what, CancellationToken cancellationToken)
    {
        byte[] bytes;
        try
        {
            bytes = await artifacts.GetAsync(key, cancellationToken);
        }
        catch (ArtifactNotFoundException)
        {
            throw new JournalIntegrityException($"The checkpoint's {what} {key} is missing from the artifact store.");
        }
        catch (InvalidDataException e)
        {
            throw new JournalIntegrityException($"The checkpoint's {what} {key} is corrupted: {e.Message}", e);
        }
        if (ArtifactKey.Of(bytes) is var actual && actual != key)
            throw new JournalIntegrityException($"The checkpoint's {what} {key} is corrupted: its bytes hash to {actual}.");
        return bytes;
    }

    private static T Decode<TIn, T>(CheckpointPointer pointer, TIn input, Func<TIn, T> decode)
    {
        try
        {
            return decode(input);
        }
        catch (InvalidDataException e)
        {
            throw new JournalIntegrityException($"Checkpoint {pointer.Key} does not load: {e.Message}", e);
        }
    }
}
