using System.CommandLine;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>vote --proposal ID --voter ACCOUNT (--for | --against)</c>: casts the account's stake-weighted vote. The same vote again
/// changes nothing; a different one is a conflict (exit code 4); outside the voting period it is refused (<c>vote.not_open</c>, exit code 2).
/// </summary>
internal static class VoteCommand
{
    public static Command Create()
    {
        var proposal = new Option<string>("--proposal") { Description = "The proposal id.", Required = true };
        var voter = new Option<string>("--voter") { Description = "The staking account voting.", Required = true };
        var inFavour = new Option<bool>("--for") { Description = "Vote for the proposal." };
        var against = new Option<bool>("--against") { Description = "Vote against the proposal." };
        var command = new Command("vote", "Vote on a governance proposal with an account's stake (give --for or --against).") { proposal, voter, inFavour, against };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            if (parse.GetValue(inFavour) == parse.GetValue(against))
                return console.Fail(ExitCodes.BadInput, "Give exactly one of --for and --against.", "cli.vote_choice");
            return ProposalReport.Write(console, await client.VoteAsync(parse.GetValue(proposal)!, parse.GetValue(voter)!, parse.GetValue(inFavour), cancellationToken));
        });
    }
}
