namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>Releases pending transfer <paramref name="PendingId"/> without posting anything, under its own transfer id <paramref name="Id"/>.</summary>
[GenerateSerializer, Immutable, Alias("openledger.void-pending-request")]
public sealed record VoidPendingRequest(
    [property: Id(0)] string Id,
    [property: Id(1)] string PendingId);
