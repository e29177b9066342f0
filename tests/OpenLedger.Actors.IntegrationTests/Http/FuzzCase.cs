namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>
/// One generated bad request: its category, the request (method, path, body as text or raw bytes, content type,
/// API key, Idempotency-Key) and a short description for failure messages. Every case must be refused with a 4xx
/// ProblemDetails, except that a path decoding to a NUL character is refused by Kestrel itself while parsing the
/// request (<paramref name="RefusedByServer"/>: 400 with no body, before any application code runs).
/// </summary>
internal sealed record FuzzCase(
    string Category,
    string Description,
    HttpMethod Method,
    string Path,
    string? Body = null,
    string? ApiKey = null,
    string? IdempotencyKey = null,
    string ContentType = "application/json",
    byte[]? RawBody = null,
    bool RefusedByServer = false);
