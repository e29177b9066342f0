using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Http.Errors;

/// <summary>
/// Turns what a request can fail with into ProblemDetails: the grain API's typed refusals, the edge's own refusals,
/// unreadable bodies (400/413/415 from binding), an unavailable ledger (503, retry with the same ids) and a ledger
/// whose journal failed verification (503 <c>ledger.integrity</c>). Anything
/// else is a bug and answers 500 with no detail.
/// </summary>
public sealed partial class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var json = exception as JsonException ?? (exception as BadHttpRequestException)?.InnerException as JsonException;
        if (json is not null)
        {
            // A body that binding could not read: say which fields are missing or wrong (never echo their values).
            var explained = await BodyExplainer.ExplainAsync(context, json);
            await ApiProblems.WriteAsync(context, StatusCodes.Status400BadRequest, explained.Code, explained.Detail, explained.Extensions);
            return true;
        }
        var extensions = exception switch
        {
            ApiProblemException e => e.Extensions,
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } => ApiProblems.UnsupportedMediaTypeExtensions,
            _ => null,
        };
        var (status, code, detail) = exception switch
        {
            OpenLedgerException e => (ApiProblems.StatusOf(e.Kind), e.ErrorCode, e.Message),
            ApiProblemException e => (e.Status, e.Code, e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType } =>
                (StatusCodes.Status415UnsupportedMediaType, "request.unsupported_media_type", ApiProblems.UnsupportedMediaTypeDetail(context)),
            BadHttpRequestException e => (e.StatusCode, e.StatusCode == StatusCodes.Status400BadRequest ? "request.invalid" : ApiProblems.DefaultCodeFor(e.StatusCode), e.Message),
            LedgerUnavailableException => (StatusCodes.Status503ServiceUnavailable, "ledger.unavailable", "The ledger could not confirm the write; retry with the same ids."),
            LedgerIntegrityException => (StatusCodes.Status503ServiceUnavailable, "ledger.integrity", "The ledger's journal failed verification; the ledger refuses to serve until an operator restores it."),
            _ => (StatusCodes.Status500InternalServerError, "server.error", "An unexpected error occurred."),
        };
        if (status >= 500) LogServerError(logger, exception, context.Request.Method, context.Request.Path);
        if (status == StatusCodes.Status503ServiceUnavailable)
            context.Response.Headers.RetryAfter = exception is OpenLedgerException { Kind: ErrorKind.NotReady } ? "5" : "1"; // a model still training: poll its job
        await ApiProblems.WriteAsync(context, status, code, detail, extensions);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unhandled error on {Method} {Path}")]
    private static partial void LogServerError(ILogger logger, Exception exception, string method, string path);
}
