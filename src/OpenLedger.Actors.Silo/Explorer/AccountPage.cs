using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// One account that earns (a contributor, model owner, curator or the protocol): its standing, earnings over time and
/// its earnings lines — the fee postings that credited it, read from the ledger and paged by ledger line. Earnings only:
/// no balance, no deposits, no fees it paid, no claims and no claim destinations, and no counterparty (a fee's
/// counterparty is its payer).
/// </summary>
public static class AccountPage
{
    public const int StatementPageSize = 50;

    /// <summary>A statement line the explorer may show: a fee posting that credited the account.</summary>
    public static bool IsEarning(StatementEntry entry) => entry.Code.StartsWith("fee.", StringComparison.Ordinal) && entry.Amount > 0;

    public static Html Render(LeaderboardEntry standing, EarningsHistory history, AccountStatement statement, long afterLine)
    {
        var earnings = statement.Entries.Where(IsEarning).ToList();
        var lines = Html.Join(earnings.Select(e => Html.Of($"""
            <tr class="line"><td class="num">{e.Line}</td><td>{Format.Time(e.CommittedAt)}</td><td>{Reference(e)}</td><td>{Format.Role(e.Code)}</td>
            <td class="num amount">{Format.Micro(e.Amount)}</td></tr>
            """)));
        var url = Format.AccountUrl(standing.Account);
        var first = afterLine > 0 ? Html.Of($"<a href=\"{url}\">first lines</a>") : Html.Empty;
        var next = statement.NextAfterLine is { } n ? Html.Of($"<a rel=\"next\" href=\"{url}?after={n}\">later earnings →</a>") : Html.Empty;
        return Html.Of($"""
            <h1>Account <code id="account">{standing.Account}</code></h1>
            <p class="lede">Paid as {Format.Role(standing.Role)} · rank {standing.Rank} on the <a href="/explorer/leaderboard">leaderboard</a></p>
            <div class="figures">
            <div class="figure"><b id="earned">{Format.Micro(standing.Earned)} µ</b><span>earned from {Format.Count(standing.Payments)} fee postings</span></div>
            </div>
            <h2>Earnings over time</h2>
            {EarningsChart.Render(history)}
            <h2>Earnings</h2>
            <p class="muted">The fee postings that paid this account, in journal order, read from the ledger; each line's reference is the inference that paid it. The explorer shows earnings only: balances, deposits, payments and claims are the account's own business.</p>
            <nav class="pager">{first}<span class="muted">{(earnings.Count == 0 ? "no earnings in these lines" : $"ledger lines {earnings[0].Line}–{earnings[^1].Line}")}</span>{next}</nav>
            <table id="statement"><thead><tr><th class="num">line</th><th>committed</th><th>inference</th><th>role</th><th class="num">amount (µ)</th></tr></thead><tbody>{lines}</tbody></table>
            """);
    }

    private static Html Reference(StatementEntry entry) =>
        entry.Reference is { } inference
            ? Html.Of($"<a class=\"inference\" href=\"{Format.InferenceUrl(inference)}\">{inference}</a>")
            : Html.Of($"{entry.TransferId}");
}
