namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>An atomic set of postings with a client-chosen id (retries with the same id are safe).</summary>
[GenerateSerializer, Immutable, Alias("openledger.transfer-request")]
public sealed record TransferRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] IReadOnlyList<TransferPosting> Postings,
    [property: Id(2)] string? Reference = null);
