namespace OpenLedger.Actors.Domain.Ledger.Checkpoints;

/// <summary>
/// Loads a checkpoint's pages, in section order, into empty books (the ledger keeps two: durable and working) and
/// statements, then checks what a checkpoint must satisfy (<see cref="Finish"/>): the counts its manifest states and
/// Σ balances = 0. Account names and posting codes repeat on every line, so they are shared, not copied.
/// </summary>
public sealed class CheckpointRestore(IReadOnlyList<LedgerBook> books, AccountStatements statements)
{
    private readonly Dictionary<string, string> _pool = new(StringComparer.Ordinal);
    private string _lastTransferId = "";
    private long _balanceSum;

    public string Pool(string value)
    {
        if (_pool.TryGetValue(value, out var pooled)) return pooled;
        if (_pool.Count < 1_000_000) _pool[value] = value;
        return value;
    }

    /// <summary>A transfer's lines come together: they share its id.</summary>
    public string LastTransferId(string value) => string.Equals(value, _lastTransferId, StringComparison.Ordinal) ? _lastTransferId : _lastTransferId = value;

    public void Account(string id, long? balance, LedgerAccount? registration)
    {
        if (balance is { } b) _balanceSum = unchecked(_balanceSum + b);
        foreach (var book in books) book.RestoreAccount(id, balance, registration);
    }

    public void Hold(PendingTransfer transfer, PendingStatus status, string? resolvedBy)
    {
        foreach (var book in books) book.RestoreHold(transfer, status, resolvedBy);
    }

    public void TransferId(string id, string fingerprint)
    {
        foreach (var book in books) book.RestoreTransferId(id, fingerprint);
    }

    public void Line(string account, StatementLine line) => statements.Restore(account, line);

    /// <summary>Checks the restored state against the manifest; a mismatch is an <see cref="InvalidDataException"/>.</summary>
    public void Finish(CheckpointManifest manifest)
    {
        if (_balanceSum != 0) throw new InvalidDataException($"The checkpoint's balances sum to {_balanceSum}, not 0.");
        if (books.Count > 0 && books[0].TransferCount != manifest.TransferCount)
            throw new InvalidDataException($"The checkpoint holds {books[0].TransferCount} transfer ids; its manifest says {manifest.TransferCount}.");
        _pool.Clear();
    }
}
