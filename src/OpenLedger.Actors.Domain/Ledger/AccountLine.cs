namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>A statement line with the account it belongs to.</summary>
public readonly record struct AccountLine(string Account, StatementLine Line);
