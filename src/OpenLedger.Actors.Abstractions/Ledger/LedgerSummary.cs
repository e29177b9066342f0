namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The ledger's totals. <paramref name="BalanceSum"/> is always 0 (double entry); <paramref name="Deposited"/> is what
/// entered from outside (the negated external balance). <paramref name="OpenPending"/> pending transfers reserve
/// <paramref name="Reserved"/> in all. <paramref name="HeadHash"/> is the hash of the newest journal record (batch
/// <paramref name="BatchCount"/> − 1; 64 zeros when there is none): it commits to the whole journal.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.ledger-summary")]
public sealed record LedgerSummary(
    [property: Id(0)] long TransferCount,
    [property: Id(1)] long PostingCount,
    [property: Id(2)] long BatchCount,
    [property: Id(3)] long BalanceSum,
    [property: Id(4)] long Deposited,
    [property: Id(5)] int AccountCount,
    [property: Id(6)] int OpenPending = 0,
    [property: Id(7)] long Reserved = 0,
    [property: Id(8)] string HeadHash = "");
