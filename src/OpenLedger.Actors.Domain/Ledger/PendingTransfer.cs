namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// The first phase of a two-phase transfer: reserves the postings' amounts on the debited accounts (their available
/// balance drops, their posted balance does not) until a <see cref="PostPendingTransfer"/> posts them, a
/// <see cref="VoidPendingTransfer"/> releases them, or <paramref name="ExpiresAt"/> passes (a
/// <see cref="PendingExpiry"/> releases them). Credits are not applied, so a reservation is never spendable by anyone.
/// <paramref name="Timeout"/> is part of the request (and of its fingerprint); <paramref name="ExpiresAt"/> is when the
/// ledger accepted it plus the timeout, recorded so that replay needs no clock.
/// </summary>
public sealed record PendingTransfer(string Id, IReadOnlyList<LedgerPosting> Postings, TimeSpan Timeout, DateTimeOffset ExpiresAt, string? Reference = null)
    : TransferEntry(Id)
{
    public override string Fingerprint() =>
        TransferFingerprint.Compute("pending", Reference, null, (long)Timeout.TotalMilliseconds, Postings);
}
