using System.CommandLine;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>account open --account ACCOUNT --kind contributor|model-owner|curator|payer [--owner-address 0x…] [--credit-limit MICRO]</c>:
/// registers a ledger account; the owner address is the wallet whose signature authorises claims on it.
/// Registering the same account the same way again changes nothing.
/// </summary>
internal static class AccountOpenCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The ledger account.", Required = true };
        var kind = new Option<string>("--kind") { Description = "contributor, model-owner, curator or payer.", Required = true };
        kind.AcceptOnlyFromAmong("contributor", "model-owner", "curator", "payer");
        var owner = new Option<string?>("--owner-address") { Description = "The Ethereum address that may sign claims on the account." };
        var creditLimit = new Option<long>("--credit-limit") { Description = "How far below zero a postpaid payer may go (payers only).", DefaultValueFactory = _ => 0 };
        var open = new Command("open", "Register a ledger account (kind, owner address for claims, credit limit).") { account, kind, owner, creditLimit };
        ClusterConnection.Attach(open, async (parse, client, console, cancellationToken) =>
        {
            var registration = new AccountRegistration(parse.GetValue(account)!, parse.GetValue(kind) switch
            {
                "contributor" => AccountKind.Contributor,
                "model-owner" => AccountKind.ModelOwner,
                "curator" => AccountKind.Curator,
                _ => AccountKind.Payer,
            }, parse.GetValue(owner), parse.GetValue(creditLimit));
            var code = await client.OpenAccountAsync(registration, cancellationToken);
            return LedgerOutcome.Report(console, code,
                new { registration.Account, kind = parse.GetValue(kind), registration.OwnerAddress, registration.CreditLimit, result = LedgerOutcome.Name(code) },
                $"Account {registration.Account}");
        });
        return new Command("account", "Ledger accounts.") { open };
    }
}
