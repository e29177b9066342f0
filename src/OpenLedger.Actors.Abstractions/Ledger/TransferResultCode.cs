namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>Outcome of a transfer. Expected outcomes are codes, not exceptions.</summary>
public enum TransferResultCode
{
    Ok = 0,
    /// <summary>Applied before with the same body: success, nothing changed now.</summary>
    Exists = 1,
    ExistsWithDifferentPostings = 2,
    InsufficientFunds = 3,
    IdMissing = 4,
    NoPostings = 5,
    AmountMustBePositive = 6,
    AccountMissing = 7,
    SameDebitAndCredit = 8,
    BalanceOverflow = 9,
    TooManyPostings = 10,
    /// <summary>A posting debits (or a claim names) an account the ledger has never seen.</summary>
    AccountNotFound = 11,
    /// <summary>The account is registered with a different kind, owner address or credit limit.</summary>
    ExistsWithDifferentAccount = 12,
    InvalidAccount = 13,
}
