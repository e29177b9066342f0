namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// Posts pending transfer <paramref name="PendingId"/> under its own transfer id <paramref name="Id"/>. With no
/// <paramref name="Postings"/> (null or empty) the reserved postings are posted as they are. With postings, those are
/// posted instead: they may credit any account, but may only debit accounts the pending transfer reserved, no more than
/// it reserved on each; what is not posted is released. Either way the reservation ends, atomically with the postings.
/// Retrying with the same id and body answers <c>Exists</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.post-pending-request")]
public sealed record PostPendingRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string PendingId,
    [property: Id(2)] IReadOnlyList<TransferPosting>? Postings = null,
    [property: Id(3)] string? Reference = null);
