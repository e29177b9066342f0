namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// Completes pending transfer <paramref name="PendingId"/>: applies <paramref name="Postings"/> (or, when empty, the
/// reserved postings as they were) and releases the whole reservation, atomically. Explicit postings may credit any
/// account but may only debit accounts the pending transfer reserved, and no more than it reserved on each; what is
/// not posted is released. This lets a caller reserve a fee first and post its split, computed later, in one step.
/// </summary>
public sealed record PostPendingTransfer(string Id, string PendingId, IReadOnlyList<LedgerPosting> Postings, string? Reference = null) : TransferEntry(Id)
{
    public override string Fingerprint() => TransferFingerprint.Compute("post", Reference, PendingId, null, Postings);
}
