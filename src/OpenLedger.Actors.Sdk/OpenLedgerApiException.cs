using System.Net;

namespace OpenLedger.Actors.Sdk;

/// <summary>
/// Every refusal the API answers, as one exception: the HTTP status and the problem's stable <see cref="Code"/> (e.g.
/// <c>payer.insufficient_funds</c>, <c>auth.key_invalid</c>, <c>quota.sessions</c>, <c>idempotency.key_reused</c>) — branch on
/// the code, not on the text. A refused request changed nothing. Transient failures were already retried when this is thrown.
/// </summary>
public sealed class OpenLedgerApiException(HttpStatusCode status, string code, string? title, string? detail, string? traceId, TimeSpan? retryAfter)
    : Exception($"{(int)status} {code}: {detail ?? title ?? status.ToString()}")
{
    public HttpStatusCode Status { get; } = status;
    public string Code { get; } = code;
    public string? Title { get; } = title;
    public string? Detail { get; } = detail;
    public string? TraceId { get; } = traceId;

    /// <summary>How long the server asked the caller to wait (429), when it said.</summary>
    public TimeSpan? RetryAfter { get; } = retryAfter;

    public bool IsNotFound => Status == HttpStatusCode.NotFound;
}
