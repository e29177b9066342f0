namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// A page of an account's statement. Pass <paramref name="NextAfterLine"/> back as <c>afterLine</c> for the next
/// page; null when this page reaches the end. <paramref name="Balance"/> is the account's durable balance.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.account-statement")]
public sealed record AccountStatement(
    [property: Id(0)] string Account,
    [property: Id(1)] long Balance,
    [property: Id(2)] long TotalLines,
    [property: Id(3)] IReadOnlyList<StatementEntry> Entries,
    [property: Id(4)] long? NextAfterLine,
    [property: Id(5)] long PendingCredit = 0);
