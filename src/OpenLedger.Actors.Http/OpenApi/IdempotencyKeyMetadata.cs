namespace OpenLedger.Actors.Http.OpenApi;

/// <summary>
/// Endpoint metadata: the endpoint honours the <c>Idempotency-Key</c> header (every mutating endpoint), and for some
/// (an inference, whose key is its identity) it is required. The OpenAPI document declares the header from it.
/// </summary>
public sealed record IdempotencyKeyMetadata(bool Required);
