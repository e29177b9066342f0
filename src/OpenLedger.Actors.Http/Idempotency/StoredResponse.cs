namespace OpenLedger.Actors.Http.Idempotency;

/// <summary>A successful response kept for replays: status, JSON body, the <c>Location</c> header if it had one (202 for a
/// started job), and the fingerprint of the request that produced it.</summary>
[GenerateSerializer, Immutable, Alias("openledger.stored-response")]
public sealed record StoredResponse(
    [property: Id(0)] string RequestFingerprint,
    [property: Id(1)] int Status,
    [property: Id(2)] byte[] Body,
    [property: Id(3)] DateTimeOffset StoredAt,
    [property: Id(4)] string? Location = null);
