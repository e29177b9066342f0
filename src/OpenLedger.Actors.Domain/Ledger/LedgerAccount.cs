namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// An account's registration. <paramref name="OwnerAddress"/> is the Ethereum address (0x + 40 hex, lower
/// case) whose signature authorises claims; null means the account cannot claim yet.
/// <paramref name="CreditLimit"/> is how far below zero the account may go (0 for all but postpaid payers).
/// </summary>
public sealed record LedgerAccount(string Id, AccountKind Kind, string? OwnerAddress, long CreditLimit)
{
    public static LedgerAccount ImplicitFor(string id) => new(id, AccountKind.Implicit, null, 0);
}
