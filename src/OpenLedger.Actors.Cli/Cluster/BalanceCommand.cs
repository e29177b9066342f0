using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary><c>balance ACCOUNT…</c>: each account's balance, kind and owner address from durable ledger state.</summary>
internal static class BalanceCommand
{
    public static Command Create()
    {
        var accounts = new Argument<string[]>("account") { Description = "One or more ledger accounts.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("balance", "Show ledger balances (micro-units). Exit code 3 (account.not_found) if an account is unknown to the ledger.") { accounts };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var rows = new List<(string Account, Abstractions.Ledger.AccountInfo? Info)>();
            foreach (var account in parse.GetValue(accounts)!) rows.Add((account, await client.GetAccountAsync(account, cancellationToken)));
            var unknown = rows.Where(r => r.Info is null).Select(r => r.Account).ToList();
            var exit = unknown.Count == 0 ? ExitCodes.Ok : ExitCodes.NotFound;
            var problem = $"The ledger has never seen: {string.Join(", ", unknown)}.";
            if (console.Json)
            {
                console.WriteJson(new
                {
                    error = exit == ExitCodes.Ok ? null : CliConsole.ErrorObject(exit, problem, "account.not_found"),
                    accounts = rows.Select(r => new
                    {
                        account = r.Account, known = r.Info is not null, balance = r.Info?.Balance ?? 0, kind = r.Info?.Kind,
                        ownerAddress = r.Info?.OwnerAddress, creditLimit = r.Info?.CreditLimit ?? 0, statementLines = r.Info?.StatementLines ?? 0,
                    }),
                });
            }
            else
            {
                var table = CliTable.Create(["account", "kind", "owner address", "balance", "lines"], "balance", "lines");
                foreach (var (account, info) in rows)
                {
                    table.Add(account, info?.Kind.ToString() ?? "(unknown)", info?.OwnerAddress ?? "-",
                        (info?.Balance ?? 0).ToString("N0", CultureInfo.InvariantCulture), info?.StatementLines ?? 0);
                }
                console.Write(table);
                if (exit != ExitCodes.Ok) console.Info($"error [account.not_found]: {problem}");
            }
            return exit;
        });
    }
}
