namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>The frame around every explorer page: head, navigation, and an optional self-refresh for the live feed.</summary>
public static class ExplorerLayout
{
    public static Html Page(string title, Html body, int refreshSeconds = 0) => Html.Of($"""
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        {(refreshSeconds > 0 ? Html.Of($"<meta http-equiv=\"refresh\" content=\"{refreshSeconds}\">") : Html.Empty)}
        <title>{title} · OpenLedger explorer</title>
        <link rel="stylesheet" href="/explorer/explorer.css">
        </head>
        <body>
        <header>
        <a class="brand" href="/explorer">OpenLedger value-trail explorer</a>
        <a href="/explorer">Home</a>
        <a href="/explorer/leaderboard">Leaderboard</a>
        <form class="search" action="/explorer/search" method="get" role="search"><input type="search" name="q" maxlength="100" placeholder="Datanet or model id" aria-label="Search Datanets and models"><button type="submit">Search</button></form>
        </header>
        <main>
        {body}
        </main>
        </body>
        </html>
        """);

    /// <summary>Links to the previous and next page of a paged list (<paramref name="page"/> from 1).</summary>
    public static Html Pager(string baseUrl, int page, bool hasNext, string previousLabel = "← previous", string nextLabel = "next →")
    {
        var separator = baseUrl.Contains('?') ? "&" : "?";
        var previous = page > 1 ? Html.Of($"<a rel=\"prev\" href=\"{baseUrl}{separator}page={page - 1}\">{previousLabel}</a>") : Html.Empty;
        var next = hasNext ? Html.Of($"<a rel=\"next\" href=\"{baseUrl}{separator}page={page + 1}\">{nextLabel}</a>") : Html.Empty;
        return Html.Of($"<nav class=\"pager\">{previous}<span class=\"muted\">page {page}</span>{next}</nav>");
    }
}
