using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Governance;

/// <summary>
/// Governance rules with no storage or clock of their own (time is passed in): making a proposal against a stake
/// snapshot's totals, who may vote when and with what capped weight, the tally, a proposal's state, and the next
/// parameter version an executed proposal puts in force. Refusals are results, not exceptions; invalid parameter sets
/// are refused with their <see cref="ValidationProblem"/>s. The book holds no proposals or votes: those live where
/// they are stored (a grain per proposal, votes in buckets), so nothing here grows with history.
/// </summary>
public sealed class GovernanceBook(GovernanceRules rules)
{
    public GovernanceRules Rules { get; } = rules.Validated();

    /// <summary>
    /// A proposal of <paramref name="proposed"/> amending <paramref name="currentVersion"/>, decided against a snapshot
    /// whose stakes sum to <paramref name="totalStake"/>; refused when the parameters are invalid or the proposer held no stake.
    /// </summary>
    public (Proposal? Proposal, IReadOnlyList<ValidationProblem> Problems) Propose(
        string id, string proposer, ProtocolParameters proposed, DateTimeOffset now, long proposerStake, long totalStake, int stakerCount, int currentVersion)
    {
        var problems = new List<ValidationProblem>(proposed.Problems());
        if (proposerStake <= 0) problems.Add(new("proposal.no_stake", "Only a staker can make a proposal."));
        if (problems.Count > 0) return (null, problems);
        var start = now + Rules.VotingDelay;
        var end = start + Rules.VotingPeriod;
        return (new Proposal(id, proposer, proposed, currentVersion, now, start, end, end + Rules.Timelock, totalStake, stakerCount,
            ShareOf(totalStake, Rules.QuorumBps), ShareOf(totalStake, Rules.VoterCapBps)), []);
    }

    /// <summary>Whether a voter holding <paramref name="snapshotStake"/> in the proposal's snapshot may vote at <paramref name="now"/>.</summary>
    public static VoteResult CanVote(Proposal proposal, long snapshotStake, DateTimeOffset now)
    {
        if (now < proposal.VotingStartsAt || now >= proposal.VotingEndsAt) return VoteResult.NotInVotingPeriod;
        return snapshotStake <= 0 ? VoteResult.NoStake : VoteResult.Counted;
    }

    /// <summary>A voter's weight: their snapshot stake, capped so no one voter decides alone.</summary>
    public static long Weight(long snapshotStake, long voterCap) => Math.Min(snapshotStake, voterCap);

    public static ProposalTally Tally(Proposal proposal, long votesFor, long votesAgainst) =>
        new(votesFor, votesAgainst, proposal.Quorum, proposal.VoterCap, votesFor + votesAgainst >= proposal.Quorum && proposal.Quorum > 0);

    /// <summary>The proposal's state given its tally, whether it was executed and the parameter version in force.</summary>
    public static ProposalState State(Proposal proposal, ProposalTally tally, bool executed, int versionInForce, DateTimeOffset now)
    {
        if (executed) return ProposalState.Executed;
        if (now < proposal.VotingStartsAt) return ProposalState.Pending;
        if (now < proposal.VotingEndsAt) return ProposalState.Active;
        if (!tally.Passed) return ProposalState.Defeated;
        return proposal.BaseVersion == versionInForce ? ProposalState.Succeeded : ProposalState.Stale;
    }

    /// <summary>Whether a proposal may take effect now (its final tally passed, its timelock is over, its base is still in force).</summary>
    public static ExecuteResult CanExecute(Proposal proposal, ProposalTally finalTally, bool executed, int versionInForce, DateTimeOffset now)
    {
        switch (State(proposal, finalTally, executed, versionInForce, now))
        {
            case ProposalState.Executed: return ExecuteResult.AlreadyExecuted;
            case ProposalState.Stale: return ExecuteResult.Stale;
            case ProposalState.Succeeded: break;
            default: return ExecuteResult.NotSucceeded;
        }
        return now < proposal.ExecutableAt ? ExecuteResult.TimelockNotElapsed : ExecuteResult.Executed;
    }

    /// <summary>The version an executed proposal puts in force: the next after the one it amended.</summary>
    public static ParameterVersion Next(ParameterVersion inForce, Proposal proposal, DateTimeOffset now)
    {
        if (inForce.Version != proposal.BaseVersion) throw new InvalidOperationException($"Proposal '{proposal.Id}' amends version {proposal.BaseVersion}, not {inForce.Version}.");
        return new ParameterVersion(inForce.Version + 1, proposal.Proposed, now, proposal.Id);
    }

    private static long ShareOf(long total, int bps) => (long)((Int128)total * bps / 10_000);
}
