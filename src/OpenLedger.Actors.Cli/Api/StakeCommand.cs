using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Cli.Api;

/// <summary>
/// <c>stake --account ACCOUNT --stake-id ID --amount MICRO</c> (over HTTP, with the account's own API key): moves micro-units
/// from the account's balance into its stake; the same stake id again stakes nothing more. Staking spends the account's
/// money, so only a key of that account may (<c>auth.not_account_owner</c>, exit code 5).
/// </summary>
internal static class StakeCommand
{
    public static Command Create()
    {
        var account = new Option<string>("--account") { Description = "The staking account (the API key's own).", Required = true };
        var stakeId = new Option<string>("--stake-id") { Description = "Client-chosen id of this stake: repeating it never stakes twice.", Required = true };
        var amount = new Option<long>("--amount") { Description = "Micro-units to stake from the account's balance (> 0).", Required = true };
        var command = new Command("stake", "Stake micro-units from an account's balance (HTTP API; the account's own key). Shows the account's standing after.")
        {
            account, stakeId, amount,
        };
        return ApiConnection.Attach(command, async (parse, api, console, cancellationToken) =>
        {
            var standing = await api.StakeAsync(new StakeRequest(parse.GetValue(account)!, parse.GetValue(stakeId)!, parse.GetValue(amount)), cancellationToken);
            return console.Result(new { stakeId = parse.GetValue(stakeId), standing }, output =>
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{standing.Account}: stake {standing.Stake:N0} (slashed {standing.Slashed:N0}), penalties {standing.Penalties}, reputation {standing.Reputation:P0}, rewards paid at {standing.RewardRateBps / 100.0:0.##} %."));
            });
        });
    }
}
