namespace OpenLedger.Actors.Abstractions.Governance;

/// <summary>
/// A proposal and its standing: the capped, stake-weighted tally (weights from the stake snapshot taken when it was
/// made), the quorum and per-voter cap in micro-units of stake, and its state
/// (<c>pending</c>, <c>active</c>, <c>defeated</c>, <c>succeeded</c>, <c>executed</c>, <c>stale</c>).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.proposal")]
public sealed record ProposalInfo(
    [property: Id(0)] string Id,
    [property: Id(1)] string Proposer,
    [property: Id(2)] GovernanceParameters Proposed,
    [property: Id(3)] int BaseVersion,
    [property: Id(4)] DateTimeOffset CreatedAt,
    [property: Id(5)] DateTimeOffset VotingStartsAt,
    [property: Id(6)] DateTimeOffset VotingEndsAt,
    [property: Id(7)] DateTimeOffset ExecutableAt,
    [property: Id(8)] long TotalStake,
    [property: Id(9)] long VotesFor,
    [property: Id(10)] long VotesAgainst,
    [property: Id(11)] long Quorum,
    [property: Id(12)] long VoterCap,
    [property: Id(13)] string State);
