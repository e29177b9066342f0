namespace OpenLedger.Actors.Http.Contracts;

/// <summary>The caller's vote on a proposal.</summary>
public sealed record VoteRequest(bool Support);

/// <summary>Stake <paramref name="Amount"/> micro-units from the caller's balance; <paramref name="StakeId"/> makes retries safe.</summary>
public sealed record StakeRequest(string StakeId, long Amount);

/// <summary>Reject rows as adversarial, with the reason recorded in the contributors' penalties.</summary>
public sealed record AdversarialRejectionRequest(IReadOnlyList<long> RowIds, string Reason);
