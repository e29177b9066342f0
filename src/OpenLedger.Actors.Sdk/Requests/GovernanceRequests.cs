using OpenLedger.Actors.Sdk.Models;

namespace OpenLedger.Actors.Sdk.Requests;

/// <summary>Stake <see cref="Amount"/> micro-units from the key's own <see cref="Account"/>; <see cref="StakeId"/> makes a repeat stake nothing twice.</summary>
public sealed record StakeRequest(string Account, string StakeId, long Amount);

/// <summary>Propose a full parameter set under a client-chosen <see cref="ProposalId"/>, as the key's account (which must hold stake).</summary>
public sealed record ProposeParametersRequest(string ProposalId, GovernanceParameters Parameters);

/// <summary>Vote for (<see cref="Support"/> true) or against a proposal with the key's account's stake; the same vote again changes nothing.</summary>
public sealed record VoteRequest(string ProposalId, bool Support);

/// <summary>Reject rows as adversarial (a curator's call); the <see cref="Reason"/> is recorded with each contributor's penalty.</summary>
public sealed record RejectAdversarialRequest(string DatanetId, IReadOnlyList<long> RowIds, string Reason);
