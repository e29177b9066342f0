namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The ledger's totals. <paramref name="BalanceSum"/> is always 0 (double entry);
/// <paramref name="Deposited"/> is what entered from outside (the negated external balance).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.ledger-summary")]
public sealed record LedgerSummary(
    [property: Id(0)] long TransferCount,
    [property: Id(1)] long PostingCount,
    [property: Id(2)] long BatchCount,
    [property: Id(3)] long BalanceSum,
    [property: Id(4)] long Deposited,
    [property: Id(5)] int AccountCount);
