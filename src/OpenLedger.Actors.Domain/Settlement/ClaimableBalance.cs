namespace OpenLedger.Actors.Domain.Settlement;

/// <summary>An account's claimable balance as of one journal position, payable to <paramref name="OwnerAddress"/>.</summary>
public sealed record ClaimableBalance(string Account, string OwnerAddress, long Amount);
