using System.CommandLine;
using System.Globalization;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>execute --proposal ID</c>: puts a proposal that passed in force once its timelock is over, and prints the parameter
/// version it became. Again, it answers the same version. Before it has passed: <c>proposal.not_succeeded</c> (exit code 2).
/// </summary>
internal static class ExecuteCommand
{
    public static Command Create()
    {
        var proposal = new Option<string>("--proposal") { Description = "The proposal id.", Required = true };
        var command = new Command("execute", "Put a passed governance proposal in force (after its timelock) and show the new parameter version.") { proposal };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var inForce = await client.ExecuteProposalAsync(parse.GetValue(proposal)!, cancellationToken);
            if (console.Json)
            {
                console.WriteJson(inForce);
                return ExitCodes.Ok;
            }
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Parameters version {inForce.Version} (proposal {inForce.ProposalId}) in force since {inForce.EffectiveAt.UtcDateTime:u}."));
            return ExitCodes.Ok;
        });
    }
}
