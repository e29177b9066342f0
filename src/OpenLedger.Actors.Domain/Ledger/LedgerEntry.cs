namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// One write the ledger journal records, in the order it was accepted: an account registration
/// (<see cref="LedgerAccount"/>), a transfer of any kind (<see cref="TransferEntry"/>), or the expiry of a pending
/// transfer (<see cref="PendingExpiry"/>). Replaying the entries in order through <see cref="LedgerBook.Apply(LedgerEntry)"/>
/// rebuilds the book exactly.
/// </summary>
public abstract record LedgerEntry;

/// <summary>
/// A write under a client-chosen transfer id. Ids are shared by every kind (single-phase, pending, post, void) and
/// used once: the same body again answers <see cref="LedgerResultCode.Exists"/>, another body
/// <see cref="LedgerResultCode.ExistsWithDifferentPostings"/>.
/// </summary>
public abstract record TransferEntry(string Id) : LedgerEntry
{
    /// <summary>A SHA-256 over the canonical form of everything but the id: equal bodies, equal fingerprints.</summary>
    public abstract string Fingerprint();
}
