using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>The accounts ranked by fee earnings (pre-aggregated by the read model, paged): all of them, or those of one
/// role (<c>?role=contributor</c>), whose shares are then of that role's total — as the demo's contributor table has them.</summary>
public static class LeaderboardView
{
    public const int PageSize = 50;

    /// <summary>The roles a reader can pick: the name in the URL and the posting code of the accounts' first payment.</summary>
    public static readonly IReadOnlyList<(string Name, string Code, string Label)> Roles =
    [
        ("contributor", "fee.contributor", "Contributors"),
        ("model-owner", "fee.model_owner", "Model owners"),
        ("curator", "fee.curator", "Curators"),
        ("protocol", "fee.protocol", "Protocol"),
    ];

    public static string? CodeOf(string role) => Roles.FirstOrDefault(r => r.Name == role).Code;

    public static Html Render(LeaderboardPage board, int page, string? role)
    {
        var rows = Html.Join(board.Entries.Select(e => Html.Of($"""
            <tr class="standing" data-account="{e.Account}"><td class="num">{e.Rank}</td><td><a href="{Format.AccountUrl(e.Account)}">{e.Account}</a></td><td>{Format.Role(e.Role)}</td>
            <td class="num earned">{Format.Micro(e.Earned)}</td><td class="num share">{Format.Percent((double)e.Earned / Math.Max(1, board.TotalEarned))}</td><td class="num">{Format.Count(e.Payments)}</td></tr>
            """)));
        IEnumerable<(string? Name, string Label)> choices = [(null, "All accounts"), .. Roles.Select(r => ((string?)r.Name, r.Label))];
        var tabs = Html.Join(choices
            .Select(tab => tab.Name == role
                ? Html.Of($"<b>{tab.Label}</b>")
                : Html.Of($"<a href=\"{Url(tab.Name)}\">{tab.Label}</a>")));
        var lede = role is null
            ? Html.Of($"{Format.Count(board.TotalAccounts)} accounts have been paid {Format.Micro(board.TotalEarned)} µ in inference fees. An account's role is that of its first payment.")
            : Html.Of($"{Format.Count(board.TotalAccounts)} accounts first paid as {Format.Role(CodeOf(role)!)} have earned {Format.Micro(board.TotalEarned)} µ; shares are of that total.");
        return Html.Of($"""
            <h1>Leaderboard</h1>
            <nav class="pager" id="roles">{tabs}</nav>
            <p class="lede">{lede}</p>
            <table id="leaderboard"><thead><tr><th class="num">rank</th><th>account</th><th>paid as</th><th class="num">earned (µ)</th><th class="num">share</th><th class="num">fee postings</th></tr></thead><tbody>{rows}</tbody></table>
            {ExplorerLayout.Pager(Url(role), page, (long)page * PageSize < board.TotalAccounts)}
            """);
    }

    private static string Url(string? role) => role is null ? "/explorer/leaderboard" : $"/explorer/leaderboard?role={role}";
}
