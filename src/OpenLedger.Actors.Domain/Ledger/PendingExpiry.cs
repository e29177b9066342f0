namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// The ledger's own entry that voids pending transfer <paramref name="PendingId"/> once its timeout has passed. It is
/// journaled like any write, so whether a pending transfer was posted or expired is decided by the journal's order,
/// never by a clock at replay.
/// </summary>
public sealed record PendingExpiry(string PendingId) : LedgerEntry;
