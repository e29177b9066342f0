namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The ledger's totals. <paramref name="BalanceSum"/> is always 0 (double entry); <paramref name="Deposited"/> is what
/// entered from outside (the negated external balance). <paramref name="OpenPending"/> pending transfers reserve
/// <paramref name="Reserved"/> in all. <paramref name="HeadHash"/> is the hash of the newest journal record (batch
/// <paramref name="BatchCount"/> − 1; 64 zeros when there is none): it commits to the whole journal. A partitioned ledger
/// (<paramref name="Partitions"/> &gt; 1) sums its partitions' totals (external and transit accounts count once per
/// partition in <paramref name="AccountCount"/>), its head hash is SHA-256 over the partitions' heads in order, and
/// <paramref name="OwedCredits"/> credits (<paramref name="OwedAmount"/> micro-units) are owed between partitions and
/// not applied yet (0 at every quiescent point).
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
    [property: Id(8)] string HeadHash = "",
    [property: Id(9)] int Partitions = 1,
    [property: Id(10)] int OwedCredits = 0,
    [property: Id(11)] long OwedAmount = 0);
