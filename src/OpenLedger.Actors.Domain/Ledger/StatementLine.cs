namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// One posting as seen from one account: <paramref name="Amount"/> is signed (credit +, debit −) and
/// <paramref name="BalanceAfter"/> is the account's balance once it was applied. <paramref name="Reference"/>
/// names what caused the transfer (for fees, the inference id whose receipt holds the attribution).
/// </summary>
public sealed record StatementLine(
    long LineNumber,
    long BatchSequence,
    DateTimeOffset CommittedAt,
    string TransferId,
    string? Reference,
    string Code,
    string Counterparty,
    long Amount,
    long BalanceAfter);
