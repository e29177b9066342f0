namespace OpenLedger.Actors.Sdk.Models;

/// <summary>
/// The protocol parameters governance controls: the fee split in basis points (the four shares sum to 10,000), daily
/// submission quotas, slashing, the penalty threshold and the reward rate above it, the near-duplicate cutoff, the top-k
/// paid per inference, the influence floor, the minimum stake, model limits and the postings one fee transfer may hold.
/// Propose a change by copying the parameters in force and changing what you mean to change (<c>with { TopK = 20 }</c>).
/// </summary>
public sealed record GovernanceParameters(int ProtocolBps, int ModelOwnerBps, int CuratorsBps, int ContributorsBps, int DailyRowQuota, long DailyByteQuota,
    int SlashingFractionBps, double PenaltyThreshold, int PenalizedRewardBps, double DuplicateCosineCutoff, int TopK, double InfluenceFloor, long MinimumStake,
    int MaxModelParameters, double MinLambda, double MaxLambda, int MaxRecipientsPerTransfer);

/// <summary>A numbered parameter set and when it took effect (version 1 is the genesis set; later ones name their proposal).</summary>
public sealed record ParametersInForce(int Version, GovernanceParameters Parameters, DateTimeOffset EffectiveAt, string? ProposalId);

/// <summary>
/// A proposal and its stake-weighted tally: votes and quorum in micro-units of stake (weights from the stake snapshot taken
/// when it was made, each voter capped at <see cref="VoterCap"/>); <see cref="State"/> is <c>pending</c>, <c>active</c>,
/// <c>defeated</c>, <c>succeeded</c>, <c>executed</c> or <c>stale</c>.
/// </summary>
public sealed record Proposal(string Id, string Proposer, GovernanceParameters Proposed, int BaseVersion, DateTimeOffset CreatedAt, DateTimeOffset VotingStartsAt,
    DateTimeOffset VotingEndsAt, DateTimeOffset ExecutableAt, long TotalStake, long VotesFor, long VotesAgainst, long Quorum, long VoterCap, string State);

/// <summary>
/// A contributor's public standing: stake held and slashed (micro-units), penalties, reviewed rows accepted and rejected,
/// reputation (accepted share of reviewed rows, 0–1) and the share of earned rewards it is paid (basis points).
/// </summary>
public sealed record ContributorStanding(string Account, long Stake, int Penalties, long AcceptedRows, long RejectedRows, double Reputation, int RewardRateBps, long Slashed);
