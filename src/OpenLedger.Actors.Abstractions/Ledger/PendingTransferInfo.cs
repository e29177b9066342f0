namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// A pending transfer as the ledger durably holds it: its reserved postings, when it expires, and how it ended
/// (<paramref name="ResolvedBy"/> is the post's or void's transfer id; null while pending or after an expiry).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.pending-transfer-info")]
public sealed record PendingTransferInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] PendingTransferStatus Status,
    [property: Id(2)] IReadOnlyList<TransferPosting> Postings,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] string? Reference,
    [property: Id(5)] string? ResolvedBy);
