using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenLedger.Actors.Abstractions.Governance;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>propose --proposal ID --proposer ACCOUNT --set NAME=VALUE…</c>: proposes the parameters in force with the named ones
/// changed (e.g. <c>--set topK=20 --set contributorsBps=6000 --set protocolBps=1000</c>). The proposer must hold stake
/// (<c>proposal.no_stake</c>, exit code 5); an invalid set is refused before anything is recorded (<c>parameters.*</c>, exit code 2).
/// </summary>
internal static class ProposeCommand
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Command Create()
    {
        var proposal = new Option<string>("--proposal") { Description = "The proposal id (client-chosen; the same proposal again answers it).", Required = true };
        var proposer = new Option<string>("--proposer") { Description = "The staking account proposing.", Required = true };
        var set = new Option<string[]>("--set")
        {
            Description = "A parameter to change, NAME=VALUE (repeatable; names as GET /api/v1/governance/parameters shows them, e.g. topK).",
            Required = true, AllowMultipleArgumentsPerToken = false,
        };
        var command = new Command("propose", "Propose a change to the governed parameters (the rest stay as in force).") { proposal, proposer, set };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var inForce = await client.GetParametersAsync(cancellationToken);
            if (!TryApply(inForce.Parameters, parse.GetValue(set)!, out var proposed, out var problem))
                return console.Fail(ExitCodes.BadInput, problem, "cli.parameter_invalid");
            return ProposalReport.Write(console, await client.ProposeAsync(parse.GetValue(proposal)!, parse.GetValue(proposer)!, proposed, cancellationToken));
        });
    }

    /// <summary><paramref name="current"/> with each <c>NAME=VALUE</c> applied; an unknown name or a value of the wrong kind is a problem.</summary>
    internal static bool TryApply(GovernanceParameters current, IReadOnlyList<string> changes, out GovernanceParameters proposed, out string problem)
    {
        proposed = current;
        problem = "";
        var fields = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        foreach (var change in changes)
        {
            var equals = change.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? change : change[..equals].Trim();
            var key = fields.Select(f => f.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (equals < 0 || key is null)
            {
                problem = $"--set '{change}': give NAME=VALUE with NAME one of {string.Join(", ", fields.Select(f => f.Key))}.";
                return false;
            }
            try
            {
                fields[key] = JsonNode.Parse(change[(equals + 1)..].Trim());
                proposed = fields.Deserialize<GovernanceParameters>(Json)!;
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
            {
                problem = $"--set '{change}': '{change[(equals + 1)..]}' is not a value for {key} (a number).";
                return false;
            }
        }
        return true;
    }
}
