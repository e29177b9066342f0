namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>One double-entry line: <paramref name="Amount"/> micro-units move from the debit to the credit account.</summary>
/// <param name="Code">What the posting is for, e.g. <c>fee.contributor</c>; part of the transfer's identity.</param>
public sealed record LedgerPosting(string DebitAccount, string CreditAccount, long Amount, string Code);
