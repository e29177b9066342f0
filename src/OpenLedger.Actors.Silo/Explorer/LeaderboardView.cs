using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>The accounts ranked by fee earnings (pre-aggregated by the read model, paged).</summary>
public static class LeaderboardView
{
    public const int PageSize = 50;

    public static Html Render(LeaderboardPage board, int page)
    {
        var rows = Html.Join(board.Entries.Select(e => Html.Of($"""
            <tr class="standing" data-account="{e.Account}"><td class="num">{e.Rank}</td><td><a href="{Format.AccountUrl(e.Account)}">{e.Account}</a></td><td>{Format.Role(e.Role)}</td>
            <td class="num earned">{Format.Micro(e.Earned)}</td><td class="num">{Format.Percent((double)e.Earned / Math.Max(1, board.TotalEarned))}</td><td class="num">{Format.Count(e.Payments)}</td></tr>
            """)));
        return Html.Of($"""
            <h1>Leaderboard</h1>
            <p class="lede">{Format.Count(board.TotalAccounts)} accounts have been paid {Format.Micro(board.TotalEarned)} µ in inference fees.</p>
            <table id="leaderboard"><thead><tr><th class="num">rank</th><th>account</th><th>paid as</th><th class="num">earned (µ)</th><th class="num">share</th><th class="num">fee postings</th></tr></thead><tbody>{rows}</tbody></table>
            {ExplorerLayout.Pager("/explorer/leaderboard", page, (long)page * PageSize < board.TotalAccounts)}
            """);
    }
}
