namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// An account as the ledger knows it, with its durable (acknowledged) balance. <paramref name="Reserved"/> is what
/// pending transfers hold on it: what it can spend now is <c>Balance − Reserved</c> (plus its credit limit, for fees).
/// <paramref name="PendingCredit"/> (partitioned ledgers only) is what other partitions owe it and have not applied yet:
/// not in <paramref name="Balance"/>, so not spendable or claimable until applied.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.account-info")]
public sealed record AccountInfo(
    [property: Id(0)] string Account,
    [property: Id(1)] AccountKind Kind,
    [property: Id(2)] string? OwnerAddress,
    [property: Id(3)] long CreditLimit,
    [property: Id(4)] long Balance,
    [property: Id(5)] long StatementLines,
    [property: Id(6)] long Reserved = 0,
    [property: Id(7)] long PendingCredit = 0);
