using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>The explorer's front page: headline figures, Datanets and models (paged by id), and the feed of inferences
/// (paged, newest first). Each list has its own page number in the query (<c>datanets</c>, <c>models</c>, <c>page</c>).</summary>
public static class HomePage
{
    public const int FeedPageSize = 25;
    public const int ListPageSize = 25;

    public static Html Render(ExplorerOverview overview, InferenceFeedPage feed, bool live, int datanetPage, int modelPage)
    {
        string Url(int datanets, int models, int page)
        {
            // Only what differs from the first page, so the plain address stays /explorer.
            var query = string.Join("&", new[] { ("datanets", datanets), ("models", models), ("page", page) }.Where(p => p.Item2 > 1).Select(p => $"{p.Item1}={p.Item2}")
                .Concat(live ? ["live=1"] : []));
            return query.Length == 0 ? "/explorer" : "/explorer?" + query;
        }
        var liveLink = live
            ? Html.Of($"<a href=\"/explorer?page={feed.Page}\">stop refreshing</a>")
            : Html.Of($"<a href=\"/explorer?live=1\">refresh every 5 s</a>");
        return Html.Of($"""
            <h1>Where AI value comes from and where it goes</h1>
            <p class="lede">Every inference a model serves is traced back to the training contributions that influenced it, and its fee is paid out to them, the model owner, the Datanet's curators and the protocol — in exact integer micro-units (µ).</p>
            <div class="figures">
            <div class="figure"><b id="inference-count">{Format.Count(overview.InferenceCount)}</b><span>inferences recorded</span></div>
            <div class="figure"><b id="fees-charged">{Format.Micro(overview.FeesCharged)} µ</b><span>fees paid out</span></div>
            <div class="figure"><b>{Format.Count(overview.PaidAccounts)}</b><span>accounts paid</span></div>
            </div>
            <h2>Datanets</h2>
            {DatanetTable(overview.Datanets)}
            {ListPager("datanets", datanetPage, overview.DatanetCount, p => Url(p, modelPage, feed.Page))}
            <h2>Models</h2>
            {ModelTable(overview.Models)}
            {ListPager("models", modelPage, overview.ModelCount, p => Url(datanetPage, p, feed.Page))}
            <h2 id="feed">Inferences, newest first</h2>
            <p class="muted">{liveLink}</p>
            {FeedTable(feed.Items)}
            {ExplorerLayout.Pager(Url(datanetPage, modelPage, 1), feed.Page, (long)feed.Page * feed.PageSize < feed.Total, "← newer", "older →")}
            """);
    }

    private static Html ListPager(string id, int page, int total, Func<int, string> url)
    {
        var previous = page > 1 ? Html.Of($"<a rel=\"prev\" href=\"{url(page - 1)}\">← previous</a>") : Html.Empty;
        var next = (long)page * ListPageSize < total ? Html.Of($"<a rel=\"next\" href=\"{url(page + 1)}\">next →</a>") : Html.Empty;
        return Html.Of($"<nav class=\"pager\" id=\"{id}-pager\">{previous}<span class=\"muted\">page {page} · {Format.Count(total)} in all</span>{next}</nav>");
    }

    public static Html DatanetTable(IReadOnlyList<DatanetCatalogEntry> datanets)
    {
        if (datanets.Count == 0) return Html.Of($"<p class=\"muted\">No Datanet yet.</p>");
        var rows = datanets.Select(d => Html.Of($"""
            <tr><td><a href="{Format.DatanetUrl(d.Info.Id)}">{d.Info.Metadata.Name}</a><br><code>{d.Info.Id}</code></td>
            <td>{d.Info.Metadata.Summary}</td><td class="num">{d.Info.VersionCount}</td><td class="num">{Math.Max(d.ContributorCount, d.Contributors.Count)}</td>
            <td class="num">{Format.Count(d.Info.ApprovedCount)}</td><td class="num">{Format.Count(d.Info.RejectedCount)}</td><td class="num">{Format.Count(d.Info.PendingCount)}</td></tr>
            """));
        return Html.Of($"""
            <table id="datanets"><thead><tr><th>Datanet</th><th>About</th><th class="num">versions</th><th class="num">contributors</th><th class="num">approved rows</th><th class="num">rejected</th><th class="num">pending</th></tr></thead>
            <tbody>{Html.Join(rows)}</tbody></table>
            """);
    }

    public static Html ModelTable(IReadOnlyList<ModelCatalogEntry> models)
    {
        if (models.Count == 0) return Html.Of($"<p class=\"muted\">No model yet.</p>");
        var rows = models.Select(m => Html.Of($"""
            <tr><td><a href="{Format.ModelUrl(m.Info.Id)}">{m.Info.Id}</a></td><td>{m.Info.Kind}</td>
            <td><a href="{Format.DatanetUrl(m.Info.Manifest.DatanetId)}">{m.Info.Manifest.DatanetId}</a> v{m.Info.Manifest.DatanetVersion}</td>
            <td class="num">{Format.Micro(m.Info.FeePerInference)} µ</td><td class="num">{(m.Info.Kind is Abstractions.Models.ModelKinds.BuiltIn or Abstractions.Models.ModelKinds.TextClassifier ? Format.Percent(m.Info.TrainingAccuracy) : "–")}</td>
            <td class="num">{Format.Count(m.InferenceCount)}</td><td class="num">{Format.Micro(m.FeesCharged)} µ</td></tr>
            """));
        return Html.Of($"""
            <table id="models"><thead><tr><th>Model</th><th>kind</th><th>trained on</th><th class="num">fee per inference</th><th class="num">training accuracy</th><th class="num">inferences</th><th class="num">fees charged</th></tr></thead>
            <tbody>{Html.Join(rows)}</tbody></table>
            """);
    }

    public static Html FeedTable(IReadOnlyList<InferenceSummary> items)
    {
        if (items.Count == 0) return Html.Of($"<p class=\"muted\">No inference on this page.</p>");
        var rows = items.Select(i => Html.Of($"""
            <tr><td class="num">{Format.Count(i.Sequence)}</td><td>{Format.Time(i.CompletedAt)}</td><td><a class="inference" href="{Format.InferenceUrl(i.InferenceId)}">{i.InferenceId}</a></td>
            <td><a href="{Format.ModelUrl(i.ModelId)}">{i.ModelId}</a></td><td class="num">{i.PredictedClass}</td><td class="num">{Format.Micro(i.Fee)} µ</td>
            <td class="num">{i.ContributionCount}</td><td class="num">{i.AccountsPaid}</td></tr>
            """));
        return Html.Of($"""
            <table id="feed-table"><thead><tr><th class="num">#</th><th>completed</th><th>inference</th><th>model</th><th class="num">answer</th><th class="num">fee</th><th class="num">contributions</th><th class="num">accounts paid</th></tr></thead>
            <tbody>{Html.Join(rows)}</tbody></table>
            """);
    }
}
