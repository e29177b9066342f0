using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>One Datanet: what it is about, its published versions, and each contributor's rows by review outcome (paged,
/// <see cref="ContributorPageSize"/> a page), and the newest <see cref="RejectionsShown"/> entries of its rejection record.</summary>
public static class DatanetPage
{
    public const int ContributorPageSize = 50;
    public const int RejectionsShown = 10;

    /// <param name="rejections">The rejection record newest first: up to <see cref="RejectionsShown"/> + 1 entries (one more says more follow).</param>
    public static Html Render(DatanetCatalogEntry entry, int page, IReadOnlyList<RejectedRows> rejections)
    {
        var info = entry.Info;
        var reviewed = info.ApprovedCount + info.RejectedCount;
        var tags = Html.Join(info.Metadata.Tags.Select(t => Html.Of($"<span class=\"tag\">{t}</span>")));
        var versions = Html.Join(info.Versions.Select(v => Html.Of($"""
            <tr><td class="num">v{v.Version}</td><td class="num">{Format.Count(v.RowCount)}</td><td>{Format.Time(v.PublishedAt)}</td><td><code title="{v.ArtifactKey}">{Format.Short(v.ArtifactKey, 16)}</code></td></tr>
            """)));
        var contributors = Html.Join(entry.Contributors.OrderByDescending(c => c.Approved).ThenBy(c => c.Account, StringComparer.Ordinal)
            .Skip((int)Math.Min(int.MaxValue, (long)(page - 1) * ContributorPageSize)).Take(ContributorPageSize).Select(c => Html.Of($"""
            <tr><td><a href="{Format.AccountUrl(c.Account)}">{c.Account}</a></td><td class="num">{Format.Count(c.Submitted)}</td><td class="num">{Format.Count(c.Approved)}</td>
            <td class="num">{Format.Count(c.Rejected)}</td><td class="num">{(c.AcceptanceRate.HasValue ? Format.Percent(c.AcceptanceRate.Value) : "not reviewed")}</td></tr>
            """)));
        return Html.Of($"""
            <h1>{info.Metadata.Name}</h1>
            <p class="lede">{info.Metadata.Summary}</p>
            <p>{tags} <span class="muted">Datanet <code>{info.Id}</code> · modality {info.Metadata.Modality} · {info.Metadata.Dimension} features, {info.Metadata.ClassCount} classes · owner {info.Owner} · created {Format.Time(info.CreatedAt)}</span></p>
            <p>{info.Metadata.Description}</p>
            <div class="figures">
            <div class="figure"><b>{Format.Count(info.ApprovedCount)}</b><span>approved rows</span></div>
            <div class="figure"><b>{Format.Count(info.RejectedCount)}</b><span>rejected rows</span></div>
            <div class="figure"><b>{Format.Count(info.PendingCount)}</b><span>pending review</span></div>
            <div class="figure"><b id="acceptance-rate">{(reviewed == 0 ? "–" : Format.Percent((double)info.ApprovedCount / reviewed))}</b><span>acceptance rate</span></div>
            </div>
            <h2>Versions</h2>
            <p class="muted">Each version is the exact set of approved rows at publication, stored once under the SHA-256 of its bytes and never changed.{(info.VersionCount > info.Versions.Count ? $" The newest {info.Versions.Count} of {Format.Count(info.VersionCount)} versions (all of them: the API's paged version list)." : "")}</p>
            <table id="versions"><thead><tr><th class="num">version</th><th class="num">rows</th><th>published</th><th>artifact (SHA-256)</th></tr></thead><tbody>{versions}</tbody></table>
            <h2>Contributors</h2>
            <table id="contributors"><thead><tr><th>contributor</th><th class="num">rows submitted</th><th class="num">approved</th><th class="num">rejected</th><th class="num">acceptance rate</th></tr></thead><tbody>{contributors}</tbody></table>
            {ExplorerLayout.Pager(Format.DatanetUrl(info.Id), page, (long)page * ContributorPageSize < entry.Contributors.Count)}
            {Rejections(info.Id, rejections)}
            """);
    }

    private static Html Rejections(string datanetId, IReadOnlyList<RejectedRows> rejections)
    {
        var shown = rejections.Take(RejectionsShown).ToList();
        var rows = Html.Join(shown.Select(r => Html.Of($"""
            <tr><td class="num">{Format.Rows(r.RowIds)}</td><td><a href="{Format.AccountUrl(r.Contributor)}">{r.Contributor}</a></td><td>{(r.Adversarial ? $"adversarial: {r.Reason}" : r.Reason ?? "no reason given")}</td><td>{r.Curator}</td><td>{Format.Time(r.RejectedAt)}</td></tr>
            """)));
        var more = rejections.Count > RejectionsShown
            ? Html.Of($"""<p><a id="more-rejections" href="{Format.RejectionsUrl(datanetId, shown[^1].Sequence)}">older rejections →</a> <span class="muted">(the API's paged list, JSON)</span></p>""")
            : Html.Empty;
        var table = shown.Count == 0
            ? Html.Of($"""<p class="muted">No rows have been rejected.</p>""")
            : Html.Of($"""<table id="rejections"><thead><tr><th class="num">rows</th><th>contributor</th><th>reason</th><th>curator</th><th>rejected</th></tr></thead><tbody>{rows}</tbody></table>""");
        return Html.Of($"""
            <h2>Rejected rows</h2>
            <p class="muted">Rows curators rejected, newest first, with the reason they gave (rows rejected as adversarial also cost their contributor a penalty). Duplicates found at submission are counted above, not listed here.</p>
            {table}
            {more}
            """);
    }
}
