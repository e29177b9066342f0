using OpenLedger.Actors.Abstractions.Governance;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// Governance as an ordered log of what happened (proposals with their stake snapshots, votes, executions), each
/// with its time; the grain replays it into a <c>GovernanceBook</c> on activation. The genesis parameters are
/// stored with the first event (with the voting rules), so configuration changes later do not rewrite history.
/// </summary>
[GenerateSerializer]
public sealed class GovernanceState
{
    [Id(0)] public GovernanceParameters? Genesis { get; set; }
    [Id(1)] public DateTimeOffset GenesisAt { get; set; }
    [Id(2)] public List<GovernanceEvent> Events { get; set; } = [];
    [Id(3)] public StoredGovernanceRules? Rules { get; set; }
}

/// <summary>The voting rules stored with the first event: stored proposals and votes replay under the rules they were made under.</summary>
[GenerateSerializer]
public sealed record StoredGovernanceRules(
    [property: Id(0)] TimeSpan VotingDelay,
    [property: Id(1)] TimeSpan VotingPeriod,
    [property: Id(2)] TimeSpan Timelock,
    [property: Id(3)] int QuorumBps,
    [property: Id(4)] int VoterCapBps);

public enum GovernanceEventKind { Proposed = 0, Voted = 1, Executed = 2 }

[GenerateSerializer]
public sealed class GovernanceEvent
{
    [Id(0)] public GovernanceEventKind Kind { get; set; }
    [Id(1)] public string ProposalId { get; set; } = "";
    [Id(2)] public string Account { get; set; } = "";
    [Id(3)] public DateTimeOffset At { get; set; }
    [Id(4)] public GovernanceParameters? Proposed { get; set; }
    [Id(5)] public Dictionary<string, long>? StakeSnapshot { get; set; }
    [Id(6)] public bool Support { get; set; }
}
