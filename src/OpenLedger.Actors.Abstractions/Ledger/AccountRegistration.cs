namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// Opens (registers) a ledger account; idempotent. <paramref name="OwnerAddress"/> is the Ethereum address whose
/// EIP-712 signature authorises claims (null: the account cannot claim). <paramref name="CreditLimit"/> is how far
/// below zero the account may go (0, prepaid, unless a postpaid payer).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.account-registration")]
public sealed record AccountRegistration(
    [property: Id(0)] string Account,
    [property: Id(1)] AccountKind Kind,
    [property: Id(2)] string? OwnerAddress = null,
    [property: Id(3)] long CreditLimit = 0);
