using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Http.Errors;

/// <summary>
/// The API's error vocabulary: every refusal is RFC 9457 ProblemDetails whose <c>code</c> extension is a stable,
/// machine-readable error code (the grain API's codes pass through unchanged) and whose <c>type</c> is derived from it:
/// the silo's own page for the code (<see cref="Problems.ProblemPages"/>, rendered from <see cref="Problems.ProblemCatalogue"/>).
/// </summary>
public static class ApiProblems
{
    public const string CodeExtension = "code";

    public static int StatusOf(ErrorKind kind) => kind switch
    {
        ErrorKind.Validation => StatusCodes.Status400BadRequest,
        ErrorKind.NotFound => StatusCodes.Status404NotFound,
        ErrorKind.Forbidden => StatusCodes.Status403Forbidden,
        ErrorKind.Conflict => StatusCodes.Status409Conflict,
        ErrorKind.InsufficientFunds => StatusCodes.Status402PaymentRequired,
        ErrorKind.QuotaExceeded => StatusCodes.Status429TooManyRequests,
        ErrorKind.NotReady => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };

    /// <summary>The code used when a response has a status but no more specific code (unmatched routes, limits).</summary>
    public static string DefaultCodeFor(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "request.invalid",
        StatusCodes.Status401Unauthorized => "auth.key_missing",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "route.not_found",
        StatusCodes.Status405MethodNotAllowed => "route.method_not_allowed",
        StatusCodes.Status408RequestTimeout => "request.timeout",
        StatusCodes.Status411LengthRequired => "request.length_required",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate.limited",
        StatusCodes.Status503ServiceUnavailable => "service.unavailable",
        >= 500 => "server.error",
        _ => "request.refused",
    };

    /// <summary>A refused ledger outcome (anything but <c>Ok</c> and <c>Exists</c>) as a problem.</summary>
    public static ApiProblemException FromTransferResult(TransferResultCode code)
    {
        var status = code switch
        {
            TransferResultCode.InsufficientFunds => StatusCodes.Status402PaymentRequired,
            TransferResultCode.AccountNotFound => StatusCodes.Status404NotFound,
            TransferResultCode.ExistsWithDifferentPostings or TransferResultCode.ExistsWithDifferentAccount => StatusCodes.Status409Conflict,
            TransferResultCode.PendingNotFound => StatusCodes.Status404NotFound,
            TransferResultCode.PendingAlreadyPosted or TransferResultCode.PendingAlreadyVoided => StatusCodes.Status409Conflict,
            TransferResultCode.PendingExpired => StatusCodes.Status410Gone,
            TransferResultCode.TooLarge or TransferResultCode.TooManyPostings => StatusCodes.Status413PayloadTooLarge,
            TransferResultCode.BalanceOverflow or TransferResultCode.PostExceedsPending => StatusCodes.Status422UnprocessableEntity,
            _ => StatusCodes.Status400BadRequest,
        };
        return new ApiProblemException(status, "ledger." + SnakeCase(code.ToString()), $"The ledger refused the request: {code}.");
    }

    public static void Stamp(ProblemDetails problem, int status, string? code, HttpContext http)
    {
        problem.Status = status;
        code ??= problem.Extensions.TryGetValue(CodeExtension, out var existing) && existing is string s ? s : DefaultCodeFor(status);
        problem.Extensions[CodeExtension] = code;
        problem.Type = Problems.ProblemPages.TypeUri(http.Request, code);
    }

    /// <summary>
    /// A detail for the statuses routing answers by itself with an empty body (no endpoint, wrong method, a body of a media
    /// type the endpoint does not accept), so the caller learns what to change.
    /// </summary>
    public static void ExplainBareStatus(ProblemDetails problem, int status, HttpContext http)
    {
        if (problem.Detail is not null) return;
        switch (status)
        {
            case StatusCodes.Status415UnsupportedMediaType:
                problem.Detail = UnsupportedMediaTypeDetail(http);
                foreach (var (name, value) in UnsupportedMediaTypeExtensions) problem.Extensions[name] = value;
                break;
            case StatusCodes.Status405MethodNotAllowed:
                problem.Detail = $"This path does not take {http.Request.Method}; the OpenAPI document at /openapi/v1.json lists the methods of each path.";
                break;
            case StatusCodes.Status404NotFound when problem.Extensions.TryGetValue(CodeExtension, out var code) && code as string == "route.not_found":
                problem.Detail = "No endpoint answers this path; the OpenAPI document at /openapi/v1.json lists them.";
                break;
        }
    }

    public static string UnsupportedMediaTypeDetail(HttpContext http) =>
        "This operation accepts a JSON body only: send it with Content-Type: application/json"
        + (string.IsNullOrEmpty(http.Request.ContentType) ? " (this request named no Content-Type)." : ".");

    public static readonly IReadOnlyDictionary<string, object?> UnsupportedMediaTypeExtensions =
        new Dictionary<string, object?> { ["accepted"] = new[] { "application/json" } };

    /// <summary>Writes a problem response directly (middleware, authentication and rate-limiter callbacks).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string code, string detail, IReadOnlyDictionary<string, object?>? extensions = null)
    {
        context.Response.StatusCode = status;
        var service = context.RequestServices.GetService(typeof(IProblemDetailsService)) as IProblemDetailsService;
        var problem = new ProblemDetails { Detail = detail };
        foreach (var (name, value) in extensions ?? new Dictionary<string, object?>()) problem.Extensions[name] = value;
        Stamp(problem, status, code, context);
        if (service is null || !await service.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
            await context.Response.WriteAsJsonAsync(problem, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json");
    }

    private static string SnakeCase(string pascal)
    {
        var builder = new System.Text.StringBuilder(pascal.Length + 8);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0) builder.Append('_');
            builder.Append(char.ToLowerInvariant(pascal[i]));
        }
        return builder.ToString();
    }
}
