using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>One paid account: its standing, earnings over time, and its ledger statement (paged, read from the ledger).</summary>
public static class AccountPage
{
    public const int StatementPageSize = 50;

    public static Html Render(LeaderboardEntry standing, EarningsHistory history, AccountStatement statement, long afterLine)
    {
        var lines = Html.Join(statement.Entries.Select(e => Html.Of($"""
            <tr class="line"><td class="num">{e.Line}</td><td>{Format.Time(e.CommittedAt)}</td><td>{Reference(e)}</td><td><code>{e.Code}</code></td><td>{e.Counterparty}</td>
            <td class="num amount">{Format.Micro(e.Amount)}</td><td class="num">{Format.Micro(e.BalanceAfter)}</td></tr>
            """)));
        var url = Format.AccountUrl(standing.Account);
        var first = afterLine > 0 ? Html.Of($"<a href=\"{url}\">first lines</a>") : Html.Empty;
        var next = statement.NextAfterLine is { } n ? Html.Of($"<a rel=\"next\" href=\"{url}?after={n}\">next {StatementPageSize} lines →</a>") : Html.Empty;
        var lastStart = Math.Max(0, statement.TotalLines - StatementPageSize);
        var last = statement.NextAfterLine is not null ? Html.Of($"<a href=\"{url}?after={lastStart}\">latest lines</a>") : Html.Empty;
        return Html.Of($"""
            <h1>Account <code id="account">{standing.Account}</code></h1>
            <p class="lede">Paid as {Format.Role(standing.Role)} · rank {standing.Rank} on the <a href="/explorer/leaderboard">leaderboard</a></p>
            <div class="figures">
            <div class="figure"><b id="earned">{Format.Micro(standing.Earned)} µ</b><span>earned from {Format.Count(standing.Payments)} fee postings</span></div>
            <div class="figure"><b id="balance">{Format.Micro(statement.Balance)} µ</b><span>ledger balance now</span></div>
            <div class="figure"><b>{Format.Count(statement.TotalLines)}</b><span>statement lines</span></div>
            </div>
            <h2>Earnings over time</h2>
            {EarningsChart.Render(history)}
            <h2>Ledger statement</h2>
            <p class="muted">Every durable posting on the account, in journal order, read from the ledger. A fee line's reference is the inference that paid it.</p>
            <nav class="pager">{first}<span class="muted">lines {(statement.Entries.Count == 0 ? "–" : $"{statement.Entries[0].Line}–{statement.Entries[^1].Line}")} of {Format.Count(statement.TotalLines)}</span>{next}{last}</nav>
            <table id="statement"><thead><tr><th class="num">line</th><th>committed</th><th>reference</th><th>code</th><th>counterparty</th><th class="num">amount (µ)</th><th class="num">balance after (µ)</th></tr></thead><tbody>{lines}</tbody></table>
            """);
    }

    private static Html Reference(StatementEntry entry) =>
        entry.Code.StartsWith("fee.", StringComparison.Ordinal) && entry.Reference is { } inference
            ? Html.Of($"<a class=\"inference\" href=\"{Format.InferenceUrl(inference)}\">{inference}</a>")
            : Html.Of($"{entry.Reference ?? entry.TransferId}");
}
