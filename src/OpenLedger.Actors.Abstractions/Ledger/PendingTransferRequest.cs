namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// Reserves <paramref name="Postings"/> (phase one of a two-phase transfer): each debited account's available balance
/// drops by its amounts at once, its posted balance does not, and nothing is credited yet. Complete it with
/// <see cref="PostPendingRequest"/> or <see cref="VoidPendingRequest"/> before <paramref name="Timeout"/> (1 ms – 1 day,
/// whole milliseconds) passes; after that the ledger voids it itself. Idempotent per <paramref name="Id"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.pending-transfer-request")]
public sealed record PendingTransferRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<TransferPosting> Postings,
    [property: Id(2)] TimeSpan Timeout,
    [property: Id(3)] string? Reference = null);
