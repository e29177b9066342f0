namespace OpenLedger.Actors.Domain.Ledger.Checkpoints;

/// <summary>
/// What the ledger captures, in one turn, to take a checkpoint at journal position <paramref name="Position"/>: the
/// whole of the small sections (accounts with balances and registrations, open pending transfers, captured as values)
/// and what the append-only sections gained since the previous checkpoint. Everything here is immutable, so it is
/// encoded and stored off the ledger's turn while the ledger goes on.
/// </summary>
public sealed record CheckpointContent(
    long Position,
    string HeadHash,
    DateTimeOffset TakenAt,
    long TransferCount,
    long PostingCount,
    IReadOnlyList<AccountSnapshot> Accounts,
    IReadOnlyList<HoldSnapshot> OpenHolds,
    IReadOnlyList<HoldSnapshot> NewlyResolvedHolds,
    IReadOnlyList<TransferIdSnapshot> NewTransferIds,
    IReadOnlyList<AccountLine> NewStatementLines);

/// <summary>
/// An account as a checkpoint holds it: its balance (null if no posting touched it), its registration, if any, and how
/// many statement lines it has (the archive holds them; the balance is the one after the last).
/// </summary>
public readonly record struct AccountSnapshot(string Id, long? Balance, LedgerAccount? Registration, long Lines = 0);

/// <summary>A pending transfer and how it stands.</summary>
public readonly record struct HoldSnapshot(PendingTransfer Transfer, PendingStatus Status, string? ResolvedBy)
{
    public static HoldSnapshot Of(PendingHold hold) => new(hold.Transfer, hold.Status, hold.ResolvedBy);
}

/// <summary>A used transfer id and the fingerprint of its body (lower-case hex SHA-256).</summary>
public readonly record struct TransferIdSnapshot(string Id, string Fingerprint);
