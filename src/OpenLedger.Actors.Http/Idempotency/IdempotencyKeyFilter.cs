using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Idempotency;

/// <summary>
/// Honours the <c>Idempotency-Key</c> header on a mutating endpoint. Keys are scoped to the API key that sends
/// them. The request is identified by a SHA-256 over method, path, query and body bytes: the same key with the same
/// request replays the stored response (header <c>Idempotent-Replayed: true</c>); with a different request it is
/// 422 <c>idempotency.key_reused</c>; while the first is still running, 409 <c>idempotency.in_flight</c>.
/// Only 2xx responses are stored.
/// </summary>
public sealed partial class IdempotencyKeyFilter : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (!http.Request.Headers.TryGetValue(HeaderName, out var values)) return await next(context);
        var key = ReadKey(values);
        var caller = Caller.Required(http);
        var fingerprint = await FingerprintAsync(http.Request);
        var grain = http.RequestServices.GetRequiredService<IGrainFactory>().GetGrain<IIdempotencyGrain>($"{caller.KeyId}|{key}");

        var decision = await grain.BeginAsync(fingerprint);
        switch (decision.Outcome)
        {
            case IdempotencyOutcome.Replay:
                return new ReplayResult(decision.Response!);
            case IdempotencyOutcome.KeyReused:
                throw new ApiProblemException(StatusCodes.Status422UnprocessableEntity, "idempotency.key_reused",
                    $"Idempotency key '{key}' was already used with a different request.");
            case IdempotencyOutcome.InFlight:
                throw new ApiProblemException(StatusCodes.Status409Conflict, "idempotency.in_flight",
                    $"A request with idempotency key '{key}' is still being processed; retry later.");
        }

        object? result;
        try
        {
            result = await next(context);
        }
        catch
        {
            await grain.AbandonAsync(fingerprint);
            throw;
        }

        if (result is IStatusCodeHttpResult { StatusCode: >= 200 and < 300 } success and IValueHttpResult valued)
        {
            var value = valued.Value is IReplayRedactable redactable ? redactable.RedactForReplay() : valued.Value;
            var json = http.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
            var body = value is null ? [] : JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), json);
            try
            {
                await grain.CompleteAsync(new StoredResponse(fingerprint, success.StatusCode ?? StatusCodes.Status200OK, body, DateTimeOffset.UtcNow,
                    LocationOf(result)));
            }
            catch (Exception e)
            {
                // The operation itself succeeded and is idempotent by its own ids; a retry re-runs it harmlessly.
                LogStoreFailed(http.RequestServices.GetRequiredService<ILogger<IdempotencyKeyFilter>>(), e, key);
                await grain.AbandonAsync(fingerprint);
            }
        }
        else
        {
            await grain.AbandonAsync(fingerprint);
        }
        return result;
    }

    /// <summary>The Location a 201/202 result sets (kept so a replay points at the same resource).</summary>
    private static string? LocationOf(object? result) =>
        result?.GetType().GetProperty("Location")?.GetValue(result) as string;

    private static string ReadKey(Microsoft.Extensions.Primitives.StringValues values)
    {
        var key = values.Count == 1 ? values[0] : null;
        if (AccountId.ValidateIdentifier(key, "Idempotency-Key") is { } problem)
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "idempotency.key_invalid", problem.Message);
        return key!;
    }

    private static async Task<string> FingerprintAsync(HttpRequest request)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        if (request.Body.CanSeek)
        {
            request.Body.Position = 0;
            var buffer = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(buffer)) > 0) hash.AppendData(buffer, 0, read);
        }
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not store the response for idempotency key {Key}")]
    private static partial void LogStoreFailed(ILogger logger, Exception exception, string key);

    private sealed class ReplayResult(StoredResponse stored) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = stored.Status;
            httpContext.Response.Headers[ReplayedHeader] = "true";
            if (stored.Location is { } location) httpContext.Response.Headers.Location = location;
            if (stored.Body.Length == 0) return;
            httpContext.Response.ContentType = "application/json; charset=utf-8";
            await httpContext.Response.Body.WriteAsync(stored.Body);
        }
    }
}
