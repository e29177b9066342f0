using OpenLedger.Actors.Domain.Ledger.Checkpoints;
using OpenLedger.Actors.Domain.Ledger.Journal;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// Ledger checkpoints as content-addressed artifacts (<see cref="IArtifactStore"/>): pages of at most
/// <see cref="CheckpointCodec.MaxPageBytes"/> (plus one item) and a manifest listing them (<see cref="CheckpointCodec"/>).
/// Writing encodes off the ledger's turn and stores the pages before the manifest, so a manifest that exists names
/// only pages that exist. Loading verifies every artifact against its key; a checkpoint that is missing, altered or
/// does not decode is a <see cref="JournalIntegrityException"/> — the ledger refuses to serve rather than start from
/// something else.
/// </summary>
internal sealed class LedgerCheckpointStore(IArtifactStore artifacts)
{
    /// <summary>How many pages are read at once while loading.</summary>
    private const int ReadAhead = 8;

    /// <summary>Stores <paramref name="content"/> as the checkpoint after <paramref name="previous"/> (whose append-only pages it reuses).</summary>
    public async Task<(CheckpointManifest Manifest, CheckpointPointer Pointer)> StoreAsync(CheckpointManifest? previous, CheckpointContent content, CancellationToken cancellationToken = default)
    {
        var encoded = await Task.Run(() => new Dictionary<CheckpointSection, List<byte[]>>
        {
            [CheckpointSection.Accounts] = CheckpointCodec.EncodeAccounts(content.Accounts),
            [CheckpointSection.ResolvedHolds] = CheckpointCodec.EncodeHolds(CheckpointSection.ResolvedHolds, content.NewlyResolvedHolds),
            [CheckpointSection.OpenHolds] = CheckpointCodec.EncodeHolds(CheckpointSection.OpenHolds, content.OpenHolds),
            [CheckpointSection.TransferIds] = CheckpointCodec.EncodeTransferIds(content.NewTransferIds),
            [CheckpointSection.StatementLines] = CheckpointCodec.EncodeStatementLines(content.NewStatementLines),
        }, cancellationToken);
        var sections = new Dictionary<CheckpointSection, IReadOnlyList<CheckpointPage>>();
        foreach (var (section, pages) in encoded)
        {
            var stored = new List<CheckpointPage>();
            if (previous is not null && section is CheckpointSection.ResolvedHolds or CheckpointSection.TransferIds or CheckpointSection.StatementLines) // append-only
                stored.AddRange(previous.Pages(section));
            foreach (var page in pages) stored.Add(new CheckpointPage(await artifacts.PutAsync(page, cancellationToken), ItemCount(page)));
            sections[section] = stored;
        }
        var manifest = new CheckpointManifest(content.Position, content.HeadHash, content.TakenAt, content.TransferCount, content.PostingCount, sections);
        var key = await artifacts.PutAsync(CheckpointCodec.EncodeManifest(manifest), cancellationToken);
        return (manifest, new CheckpointPointer(key, manifest.Position));
    }

    /// <summary>Reads and verifies the checkpoint <paramref name="pointer"/> names, and loads it into <paramref name="target"/>.</summary>
    public async Task<CheckpointManifest> LoadAsync(CheckpointPointer pointer, CheckpointRestore target, CancellationToken cancellationToken)
    {
        var manifest = Decode(pointer, await ReadAsync(pointer.Key, "manifest", cancellationToken), CheckpointCodec.DecodeManifest);
        if (manifest.Position != pointer.Position)
            throw new JournalIntegrityException($"Checkpoint {pointer.Key} covers records up to {manifest.Position}, but the head witness says {pointer.Position}.");
        foreach (var section in Enum.GetValues<CheckpointSection>())
        {
            var pages = manifest.Pages(section);
            for (var first = 0; first < pages.Count; first += ReadAhead)
            {
                var window = pages.Skip(first).Take(ReadAhead).ToList();
                var bytes = await Task.WhenAll(window.Select(page => ReadAsync(page.Key, $"{section} page", cancellationToken)));
                for (var i = 0; i < window.Count; i++)
                {
                    var items = Decode(pointer, bytes[i], page => CheckpointCodec.DecodePage(page, section, target));
                    if (items != window[i].Items)
                        throw new JournalIntegrityException($"Checkpoint {pointer.Key}: {section} page {window[i].Key} holds {items} items, its manifest says {window[i].Items}.");
                }
            }
        }
        Decode(pointer, manifest, m => { target.Finish(m); return m; });
        return manifest;
    }

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

    private static int ItemCount(byte[] page)
    {
        using var reader = new BinaryReader(new MemoryStream(page, 2, page.Length - 2, writable: false));
        return reader.Read7BitEncodedInt();
    }
}
