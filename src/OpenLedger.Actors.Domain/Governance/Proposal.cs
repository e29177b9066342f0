namespace OpenLedger.Actors.Domain.Governance;

/// <summary>
/// A proposed parameter set, decided against the stake snapshot taken when it was made (buying stake during the vote
/// buys no weight): <paramref name="TotalStake"/> of <paramref name="StakerCount"/> stakers, a quorum and a per-voter
/// cap in micro-units fixed then. <paramref name="BaseVersion"/> is the version it amends: if another proposal takes
/// effect first, this one is stale and cannot execute.
/// </summary>
public sealed record Proposal(
    string Id,
    string Proposer,
    ProtocolParameters Proposed,
    int BaseVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset VotingStartsAt,
    DateTimeOffset VotingEndsAt,
    DateTimeOffset ExecutableAt,
    long TotalStake,
    int StakerCount,
    long Quorum,
    long VoterCap);

public enum ProposalState { Pending, Active, Defeated, Succeeded, Executed, Stale }

public enum VoteChoice { Against = 0, For = 1 }

public enum VoteResult { Counted, NotInVotingPeriod, NoStake }

public enum ExecuteResult { Executed, NotSucceeded, TimelockNotElapsed, AlreadyExecuted, Stale }

/// <summary>The counted weights: each voter's weight is min(stake at creation, cap).</summary>
public sealed record ProposalTally(long For, long Against, long Quorum, long VoterCap, bool QuorumReached)
{
    public bool Passed => QuorumReached && For > Against;
}
