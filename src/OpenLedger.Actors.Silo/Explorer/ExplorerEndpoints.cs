using System.Globalization;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Http.Auth;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// The value-trail explorer: read-only HTML pages under <c>/explorer</c>, rendered on the server from the explorer's
/// read model (<see cref="IExplorerCatalogGrain"/>) and, for receipts and earnings lines, from the inference and ledger
/// grains themselves (only for ids the read model knows). Public by design: earnings of accounts that earn, receipts
/// with the payer as a pseudonym (<see cref="PayerPseudonym"/>); never deposits, payments, claims or claim destinations. No script runs on the page; the content security policy allows nothing but this site's stylesheet.
/// </summary>
public static class ExplorerEndpoints
{
    /// <summary>No scripts, no frames, no third-party anything; styles only from our own stylesheet.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    private const int MaxPage = 1_000_000;

    public static IEndpointRouteBuilder MapOpenLedgerExplorer(this IEndpointRouteBuilder app)
    {
        var explorer = app.MapGroup("/explorer");
        explorer.AddEndpointFilter(async (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            try
            {
                return await next(context);
            }
            catch (ExplorerRequestException e)
            {
                return Page(e.Title, Html.Of($"<h1>{e.Title}</h1><p class=\"error\">{e.Message}</p>"), e.StatusCode);
            }
            catch (OpenLedgerException e)
            {
                var status = e.Kind switch { ErrorKind.NotFound => 404, ErrorKind.Validation => 400, _ => 409 };
                return Page("Refused", Html.Of($"<h1>Refused</h1><p class=\"error\">{e.Message} <code>{e.ErrorCode}</code></p>"), status);
            }
        });

        explorer.MapGet("/explorer.css", () => Results.Text(ExplorerStyles.Css, "text/css; charset=utf-8"));

        explorer.MapGet("", async (IGrainFactory grains, string? page, string? datanets, string? models, string? live) =>
        {
            var pageNumber = PageNumber(page);
            var (datanetPage, modelPage) = (PageNumber(datanets), PageNumber(models));
            var catalog = Catalog(grains);
            var overview = await catalog.GetOverviewAsync(datanetPage, modelPage, HomePage.ListPageSize);
            var feed = await catalog.GetFeedAsync(pageNumber, HomePage.FeedPageSize);
            var isLive = live == "1";
            return Page("Home", HomePage.Render(overview, feed, isLive, datanetPage, modelPage), refreshSeconds: isLive ? 5 : 0);
        });

        explorer.MapGet("/datanets/{id}", async (IGrainFactory grains, string id, string? page) =>
        {
            var pageNumber = PageNumber(page);
            var entry = await Catalog(grains).GetDatanetAsync(id) ?? throw NotFound($"No public Datanet is called '{id}'.");
            // The newest entries of the rejection record: one head read and one or two of its pages, never the rows.
            var rejections = await grains.GetGrain<IDatanetGrain>(id).ListRejectionsAsync(null, DatanetPage.RejectionsShown + 1);
            return Page(entry.Info.Metadata.Name, DatanetPage.Render(entry, pageNumber, rejections));
        });

        explorer.MapGet("/models/{id}", async (IGrainFactory grains, string id) =>
        {
            var entry = await Catalog(grains).GetModelAsync(id) ?? throw NotFound($"No model is called '{id}'.");
            return Page($"Model {id}", ModelPage.Render(entry));
        });

        explorer.MapGet("/inferences/{id}", async (IGrainFactory grains, KeyIdSigner secret, string id) =>
        {
            RequireInferenceId(id);
            // The read model knows which ids were recorded: an unknown id is answered from its memory, without
            // activating an inference grain or reading storage.
            var notFound = NotFound($"No inference '{id}' has been recorded.");
            if (!await Catalog(grains).MayHaveRecordedAsync(id)) throw notFound;
            var result = await grains.GetGrain<IInferenceGrain>(id).GetResultAsync() ?? throw notFound;
            return Page($"Inference {id}", InferencePage.Render(result, account => PayerPseudonym.Of(secret, account)));
        });

        explorer.MapGet("/accounts/{account}", async (IGrainFactory grains, LedgerRouter ledger, string account, string? after) =>
        {
            var afterLine = AfterLine(after);
            // Only accounts that inference fees have paid have a page (an account that only pays answers exactly as an
            // unknown one), and the page shows earnings only: never deposits, payments, claims or claim destinations.
            var standing = await Catalog(grains).GetStandingAsync(account) ?? throw NotFound($"No account called '{account}' has been paid a fee.");
            var history = await grains.GetGrain<IExplorerAccountGrain>(ExplorerIds.AccountKey(ExplorerIds.Catalog, account)).GetHistoryAsync();
            var statement = await ledger.GetStatementAsync(account, afterLine, AccountPage.StatementPageSize);
            return Page($"Account {account}", AccountPage.Render(standing, history, statement, afterLine));
        });

        explorer.MapGet("/search", async (IGrainFactory grains, string? q) =>
        {
            var query = q?.Trim() ?? "";
            if (query.Length is 0 or > ExplorerSearchResult.MaxQueryLength)
                throw new ExplorerRequestException(400, "Bad search", $"Search for 1 to {ExplorerSearchResult.MaxQueryLength} characters of a Datanet or model id.");
            return Page("Search", SearchPage.Render(await Catalog(grains).SearchAsync(query, SearchPage.Limit)));
        });

        explorer.MapGet("/leaderboard", async (IGrainFactory grains, string? page, string? role) =>
        {
            var pageNumber = PageNumber(page);
            var offset = (int)Math.Min(int.MaxValue, (long)(pageNumber - 1) * LeaderboardView.PageSize);
            if (role is null) return Page("Leaderboard", LeaderboardView.Render(await Catalog(grains).GetLeaderboardAsync(offset, LeaderboardView.PageSize), pageNumber, null));
            var code = LeaderboardView.CodeOf(role)
                ?? throw new ExplorerRequestException(400, "Bad role", $"The role must be one of: {string.Join(", ", LeaderboardView.Roles.Select(r => r.Name))}.");
            return Page("Leaderboard", LeaderboardView.Render(await Catalog(grains).GetRoleLeaderboardAsync(code, offset, LeaderboardView.PageSize), pageNumber, role));
        });
        return app;
    }

    private static IExplorerCatalogGrain Catalog(IGrainFactory grains) => grains.GetGrain<IExplorerCatalogGrain>(ExplorerIds.Catalog);

    private static IResult Page(string title, Html body, int statusCode = 200, int refreshSeconds = 0) =>
        Results.Content(ExplorerLayout.Page(title, body, refreshSeconds).ToString(), "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);

    private static int PageNumber(string? text)
    {
        if (text is null) return 1;
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page is >= 1 and <= MaxPage
            ? page
            : throw new ExplorerRequestException(400, "Bad page number", $"The page must be a whole number from 1 to {MaxPage:N0}.");
    }

    private static long AfterLine(string? text)
    {
        if (text is null) return 0;
        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var line)
            ? line
            : throw new ExplorerRequestException(400, "Bad statement line", "'after' must be a statement line number (0 or more).");
    }

    /// <summary>An inference id is <c>{session}|{idempotency key}</c>, both identifiers; anything else is refused before a grain is touched.</summary>
    private static void RequireInferenceId(string id)
    {
        var problem = !InferenceId.TryParse(id, out var parsed)
            ? new ValidationProblem("inference.id", "An inference id is '{session}|{idempotency key}'.")
            : AccountId.ValidateIdentifier(parsed.SessionId, "session id") ?? AccountId.ValidateIdentifier(parsed.IdempotencyKey, "idempotency key");
        if (problem is not null) throw new ExplorerRequestException(400, "Bad inference id", problem.Message);
    }

    private static ExplorerRequestException NotFound(string message) => new(404, "Not found", message);
}

/// <summary>A request the explorer answers with an error page (bad parameter, unknown id).</summary>
public sealed class ExplorerRequestException(int statusCode, string title, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
    public string Title { get; } = title;
}
