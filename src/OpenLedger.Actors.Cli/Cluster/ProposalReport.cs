using System.Globalization;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>How <c>propose</c> and <c>vote</c> print a proposal: its state, tally against quorum, and when voting and execution open.</summary>
internal static class ProposalReport
{
    public static int Write(CliConsole console, ProposalInfo proposal)
    {
        if (console.Json)
        {
            console.WriteJson(proposal);
            return ExitCodes.Ok;
        }
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Proposal {proposal.Id} by {proposal.Proposer} ({proposal.State}): for {proposal.VotesFor:N0}, against {proposal.VotesAgainst:N0}, quorum {proposal.Quorum:N0} of {proposal.TotalStake:N0} staked (one voter counts at most {proposal.VoterCap:N0})."));
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Voting {proposal.VotingStartsAt.UtcDateTime:u} to {proposal.VotingEndsAt.UtcDateTime:u}; executable from {proposal.ExecutableAt.UtcDateTime:u}."));
        return ExitCodes.Ok;
    }
}
