using OpenLedger.Actors.Domain.Ledger.Archive;

namespace OpenLedger.Actors.Domain.Ledger.Checkpoints;

/// <summary>
/// Loads a checkpoint into empty books (the ledger keeps two: durable and working) and statements: its accounts (with
/// each statement's line count) and open pending transfers from pages, and its archive of ids, ended pending transfers
/// and statement lines as run summaries only (<see cref="LedgerArchive"/>). Then checks what a checkpoint must satisfy
/// (<see cref="Finish"/>): the transfer count its manifest states and Σ balances = 0.
/// </summary>
public sealed class CheckpointRestore(IReadOnlyList<LedgerBook> books, AccountStatements statements)
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private long _balanceSum;

    public string Pool(string value)
    {
        if (_pool.TryGetValue(value, out var pooled)) return pooled;
        if (_pool.Count < 1_000_000) _pool[value] = value;
        return value;
    }

    public void Account(string id, long? balance, LedgerAccount? registration, long lines)
    {
        if (balance is { } b) _balanceSum = unchecked(_balanceSum + b);
        foreach (var book in books) book.RestoreAccount(id, balance, registration);
        statements.RestoreAccount(id, lines, balance ?? 0);
    }

    public void Hold(PendingTransfer transfer, PendingStatus status, string? resolvedBy)
    {
        foreach (var book in books) book.RestoreHold(transfer, status, resolvedBy);
    }

    /// <summary>Attaches the archive and checks the restored state against the manifest; a mismatch is an <see cref="InvalidDataException"/>.</summary>
    public void Finish(CheckpointManifest manifest, LedgerArchive archive)
    {
        if (_balanceSum != 0) throw new InvalidDataException($"The checkpoint's balances sum to {_balanceSum}, not 0.");
        foreach (var book in books) book.AttachArchive(archive, [], []);
        statements.AttachArchive(archive, []);
        if (books.Count > 0 && books[0].TransferCount != manifest.TransferCount)
            throw new InvalidDataException($"The checkpoint holds {books[0].TransferCount} transfer ids; its manifest says {manifest.TransferCount}.");
        _pool.Clear();
    }
}
