using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Paging;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>statement ACCOUNT [--cursor C | --after LINE] [--limit N] [--all]</c>: the account's durable postings in journal order
/// with the running balance, one page at a time (the next page starts at the <c>--cursor</c> the last page printed, or
/// <c>--after</c> the last line shown).
/// </summary>
internal static class StatementCommand
{
    public static Command Create()
    {
        var account = new Argument<string>("account") { Description = "The ledger account." };
        var after = new Option<long>("--after") { Description = "Show lines after this line number (0: from the start).", DefaultValueFactory = _ => 0 };
        var limit = new Option<int>("--limit") { Description = $"Lines per page (1–{PageCursor.MaxLimit}), the HTTP API's limit.", DefaultValueFactory = _ => PageCursor.DefaultLimit };
        var cursor = new Option<string?>("--cursor") { Description = "Continue after the page whose nextCursor this is (instead of --after)." };
        var all = new Option<bool>("--all") { Description = "Fetch every page from --cursor (or --after) to the end." };
        var command = new Command("statement", "Show an account's statement: postings with counterparty, reference and running balance, paged. Exit code 3 (account.not_found) for an account unknown to the ledger.")
        {
            account, after, cursor, limit, all,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var name = parse.GetValue(account)!;
            if (await client.GetAccountAsync(name, cancellationToken) is null)
                return console.Fail(ExitCodes.NotFound, $"The ledger has never seen account '{name}'.", "account.not_found");
            if (!PageCursor.IsValidLimit(parse.GetValue(limit)))
                return console.Fail(ExitCodes.BadInput, $"--limit must be between 1 and {PageCursor.MaxLimit}; got {parse.GetValue(limit)}.", "page.limit");
            var afterLine = parse.GetValue(after);
            if (parse.GetValue(cursor) is { } given)
            {
                if (parse.GetResult(after) is { Implicit: false }) return console.Fail(ExitCodes.BadInput, "Give --cursor or --after, not both.", "cli.page");
                if (!PageCursor.TryDecodeNumber(given, out afterLine)) return console.Fail(ExitCodes.BadInput, PageOptions.InvalidCursor(given).Message, PageOptions.InvalidCursor(given).Code);
            }
            var page = await client.GetStatementAsync(name, afterLine, parse.GetValue(limit), cancellationToken);
            var entries = page.Entries.ToList();
            while (parse.GetValue(all) && page.NextAfterLine is { } next)
            {
                page = await client.GetStatementAsync(name, next, parse.GetValue(limit), cancellationToken);
                entries.AddRange(page.Entries);
            }
            var nextAfter = page.NextAfterLine;
            if (console.Json)
            {
                console.WriteJson(new
                {
                    account = name, balance = page.Balance, totalLines = page.TotalLines, items = entries, nextAfterLine = nextAfter,
                    nextCursor = nextAfter is { } line ? PageCursor.Encode(line) : null,
                });
                return ExitCodes.Ok;
            }
            var table = CliTable.Create(["line", "committed (UTC)", "code", "counterparty", "amount", "balance", "reference"], "line", "amount", "balance");
            foreach (var e in entries)
            {
                table.Add(e.Line, e.CommittedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture), e.Code, e.Counterparty,
                    e.Amount.ToString("+#,0;-#,0;0", CultureInfo.InvariantCulture), e.BalanceAfter.ToString("N0", CultureInfo.InvariantCulture), e.Reference ?? e.TransferId);
            }
            console.Write(table);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name}: balance {page.Balance:N0}, {entries.Count} of {page.TotalLines} lines shown."));
            if (nextAfter is { } n) console.Out.WriteLine($"More: statement {name} --cursor {PageCursor.Encode(n)} (or --after {n})");
            return ExitCodes.Ok;
        });
    }
}
