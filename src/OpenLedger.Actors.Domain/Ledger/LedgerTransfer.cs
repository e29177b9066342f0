namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// A single-phase transfer: an immutable, atomic set of postings applied at once under a client-chosen id.
/// Applying the same id twice is safe: the second time answers <see cref="LedgerResultCode.Exists"/> (same body) or
/// <see cref="LedgerResultCode.ExistsWithDifferentPostings"/> (different body) and changes nothing.
/// </summary>
public sealed record LedgerTransfer(string Id, IReadOnlyList<LedgerPosting> Postings, string? Reference = null) : TransferEntry(Id)
{
    public override string Fingerprint() => TransferFingerprint.Compute("transfer", Reference, null, null, Postings);
}
