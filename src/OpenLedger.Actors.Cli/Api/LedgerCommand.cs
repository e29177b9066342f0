using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Cli.Api;

/// <summary>
/// <c>ledger summary</c> and <c>ledger claimables ACCOUNT</c> (over HTTP, an operator's key): the ledger's totals summed over
/// its partitions, and an account's claimable balance with the Merkle proof and the root it proves against (the account's
/// partition is the ledger's own <see cref="PartitionMap"/> of the summary's partition count; its export is read in account
/// order up to the account). An account with nothing claimable, or without a registered owner address, exits 3
/// (<c>claimable.not_found</c>).
/// </summary>
internal static class LedgerCommand
{
    public static Command Create() => new("ledger", "The ledger as an operator sees it (HTTP API, operator key): totals and claimable balances.")
    {
        Summary(), Claimables(),
    };

    private static Command Summary()
    {
        var command = new Command("summary", "The ledger's totals: transfers, postings, deposits, open pending transfers, credits owed between partitions, the journal head.");
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var s = await api.GetLedgerSummaryAsync(cancellationToken);
            return console.Result(s, output =>
            {
                var table = CliTable.Create(["figure", "value"], "value");
                string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
                table.Add("transfers", N(s.TransferCount));
                table.Add("postings", N(s.PostingCount));
                table.Add("journal batches", N(s.BatchCount));
                table.Add("accounts", N(s.AccountCount));
                table.Add("deposited", N(s.Deposited));
                table.Add("balance sum (0: double entry)", N(s.BalanceSum));
                table.Add("open pending transfers", N(s.OpenPending));
                table.Add("reserved by them", N(s.Reserved));
                table.Add("partitions", N(s.Partitions));
                table.Add("credits owed between partitions", N(s.OwedCredits));
                table.Add("amount owed between partitions", N(s.OwedAmount));
                console.Write(table);
                output.WriteLine($"Journal head: {s.HeadHash}");
            });
        });
    }

    private static Command Claimables()
    {
        var account = new Argument<string>("account") { Description = "The account whose claimable balance to show." };
        var command = new Command("claimables", "An account's claimable balance: owner address, amount, Merkle proof, and the partition root and journal batch it proves against.")
        {
            account,
        };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var name = parse.GetValue(account)!;
            var partitions = (await api.GetLedgerSummaryAsync(cancellationToken)).Partitions;
            var partition = new PartitionMap(Math.Max(1, partitions)).PartitionOf(name);
            Sdk.Models.ClaimableBalance? found = null;
            await foreach (var claimable in api.ListClaimablesAsync(new ListClaimablesRequest(partition, Limit: 200), cancellationToken))
            {
                var order = string.CompareOrdinal(claimable.Account, name);
                if (order == 0) found = claimable;
                if (order >= 0) break; // the export is in account order: the account is here or nowhere
            }
            if (found is null)
                return console.Fail(ExitCodes.NotFound, $"Account '{name}' has nothing claimable (no balance, or no owner address registered).", "claimable.not_found");
            return console.Result(found, output =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{found.Account}: {found.Amount:N0} claimable by {found.OwnerAddress}, partition {found.Partition} root {found.Root} (journal batch {found.JournalBatches:N0}), proof of {found.Proof.Count} hashes:"));
                foreach (var hash in found.Proof) console.Out.WriteLine(hash);
            });
        });
    }
}
