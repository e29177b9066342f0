using System.CommandLine;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary><c>deposit --deposit-id ID --account ACCOUNT --amount MICRO</c>: funds a paying account (an operator's call; repeating the id deposits once).</summary>
internal static class DepositCommand
{
    public static Command Create()
    {
        var depositId = new Option<string>("--deposit-id") { Description = "Client-chosen id of this deposit: repeating it never deposits twice.", Required = true };
        var account = new Option<string>("--account") { Description = "The account to credit.", Required = true };
        var amount = new Option<long>("--amount") { Description = "Micro-units to deposit (> 0).", Required = true };
        var command = new Command("deposit", "Deposit micro-units into an account (e.g. fund an agent platform's payer account).") { depositId, account, amount };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var name = parse.GetValue(account)!;
            var code = await client.DepositAsync(parse.GetValue(depositId)!, name, parse.GetValue(amount), cancellationToken);
            var balance = await client.GetBalanceAsync(name, cancellationToken);
            return LedgerOutcome.Report(console, code,
                new { depositId = parse.GetValue(depositId), account = name, amount = parse.GetValue(amount), result = LedgerOutcome.Name(code), balance },
                $"Deposit {parse.GetValue(depositId)} of {parse.GetValue(amount):N0} to {name} (balance now {balance:N0})");
        });
    }
}
