using System.CommandLine;
using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>datanet curator invite --datanet ID --owner ACCOUNT --curator ACCOUNT</c> and
/// <c>datanet curator accept --datanet ID --curator ACCOUNT</c>: the owner invites an account to curate, and the account
/// accepts; only then does it review, share curator fees and appear as a curator. Both are idempotent.
/// </summary>
internal static class DatanetCuratorCommand
{
    public static Command Create()
    {
        var datanet = new Option<string>("--datanet") { Description = "The Datanet id.", Required = true };
        var owner = new Option<string>("--owner") { Description = "The Datanet's owner, who invites.", Required = true };
        var curator = new Option<string>("--curator") { Description = "The account invited to curate.", Required = true };
        var invite = new Command("invite", "Invite an account to curate a Datanet (it curates once it accepts).") { datanet, owner, curator };
        ClusterConnection.Attach(invite, async (parse, client, console, cancellationToken) =>
            Report(console, await client.AppointCuratorAsync(parse.GetValue(datanet)!, parse.GetValue(owner)!, parse.GetValue(curator)!, cancellationToken)));

        var acceptDatanet = new Option<string>("--datanet") { Description = "The Datanet id.", Required = true };
        var acceptCurator = new Option<string>("--curator") { Description = "The invited account, accepting.", Required = true };
        var accept = new Command("accept", "Accept an invitation to curate a Datanet.") { acceptDatanet, acceptCurator };
        ClusterConnection.Attach(accept, async (parse, client, console, cancellationToken) =>
            Report(console, await client.AcceptCuratorAsync(parse.GetValue(acceptDatanet)!, parse.GetValue(acceptCurator)!, cancellationToken)));

        return new Command("curator", "Invite curators to a Datanet and accept invitations.") { invite, accept };
    }

    private static int Report(Output.CliConsole console, DatanetInfo info)
    {
        if (console.Json)
        {
            console.WriteJson(new { datanetId = info.Id, curators = info.Curators, invited = info.InvitedCurators });
            return ExitCodes.Ok;
        }
        console.Out.WriteLine($"Datanet {info.Id}: curators {string.Join(", ", info.Curators)}; invited, not yet accepted: {(info.InvitedCurators.Count == 0 ? "none" : string.Join(", ", info.InvitedCurators))}.");
        return ExitCodes.Ok;
    }
}
