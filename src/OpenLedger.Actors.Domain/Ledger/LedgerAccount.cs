namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// An account's registration. <paramref name="OwnerAddress"/> is the Ethereum address (0x + 40 hex, lower
/// case) whose signature authorises claims; null means the account cannot claim yet.
/// <paramref name="CreditLimit"/> is how far below zero fee postings may take the account (0 for all but postpaid
/// payers); nothing else ever draws on it (<see cref="PostingCodes.MayDrawOnCredit"/>).
/// </summary>
public sealed record LedgerAccount(string Id, AccountKind Kind, string? OwnerAddress, long CreditLimit) : LedgerEntry
{
    public static LedgerAccount ImplicitFor(string id) => new(id, AccountKind.Implicit, null, 0);
}
