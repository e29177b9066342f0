using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace OpenLedger.Actors.Http.Problems;

/// <summary>
/// Where problem <c>type</c> URIs lead: <c>/problems</c> lists every code of the <see cref="ProblemCatalogue"/> with its
/// status and meaning, <c>/problems/{code}</c> explains one. Plain server-rendered HTML, public, not in the OpenAPI document.
/// </summary>
public static class ProblemPages
{
    public const string Path = "/problems";

    /// <summary>The absolute type URI of <paramref name="code"/> on the silo answering <paramref name="http"/>'s request.</summary>
    public static string TypeUri(HttpRequest http, string code) =>
        $"{http.Scheme}://{http.Host}{http.PathBase}{Path}/{Uri.EscapeDataString(code)}";

    public static void Map(IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup(Path).ExcludeFromDescription();
        pages.MapGet("", () => Html("Error codes", List()));
        pages.MapGet("/{code}", (string code) => ProblemCatalogue.Find(code) is { } known
            ? Html(known.Code, One(known))
            : Html("Unknown error code", $"<h1>Unknown error code</h1><p>This API never answers with <code>{Encode(code)}</code>. See <a href=\"{Path}\">all error codes</a>.</p>", StatusCodes.Status404NotFound));
    }

    private static string List()
    {
        var html = new StringBuilder("<h1>Error codes</h1><p>Every refusal of the OpenLedger API is an <code>application/problem+json</code> body (RFC 9457) ")
            .Append("whose <code>code</code> is one of these; branch on the code, not on the text. <code>traceId</code> identifies the request in the silo's logs.</p>")
            .Append("<table><thead><tr><th>Code</th><th>Status</th><th>Meaning</th></tr></thead><tbody>");
        foreach (var code in ProblemCatalogue.All)
            html.Append($"<tr id=\"{Encode(code.Code)}\"><td><a href=\"{Path}/{Encode(code.Code)}\"><code>{Encode(code.Code)}</code></a></td><td>{code.Status}</td><td>{Encode(code.Meaning)}</td></tr>");
        return html.Append("</tbody></table>").ToString();
    }

    private static string One(ProblemCode code) =>
        $"<h1><code>{Encode(code.Code)}</code></h1><p>HTTP {code.Status} {Encode(ReasonPhrases(code.Status))}</p><p>{Encode(code.Meaning)}</p>"
        + $"<p>The response's <code>detail</code> says what was wrong with this request; <code>traceId</code> identifies it in the logs. <a href=\"{Path}\">All error codes</a>.</p>";

    private static string ReasonPhrases(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);

    private static IResult Html(string title, string body, int status = StatusCodes.Status200OK) =>
        Results.Content($"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{Encode(title)} · OpenLedger API</title></head><body>{body}</body></html>", "text/html; charset=utf-8", Encoding.UTF8, status);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
