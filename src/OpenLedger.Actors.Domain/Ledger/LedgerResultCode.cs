namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>Explicit outcomes of applying a transfer (expected outcomes are codes, not exceptions).</summary>
public enum LedgerResultCode
{
    Ok = 0,
    /// <summary>A transfer with this id and the same body was applied before; treat as success.</summary>
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
    /// <summary>A posting debits an account the ledger has never seen (never opened, never credited).</summary>
    AccountNotFound = 11,
    /// <summary>An account with this id is registered with a different kind, owner or credit limit.</summary>
    ExistsWithDifferentAccount = 12,
    /// <summary>An account registration names no kind or a negative credit limit.</summary>
    InvalidAccount = 13,
}

public static class LedgerResultCodeExtensions
{
    /// <summary>True for the outcomes after which the transfer is (now or already) applied.</summary>
    public static bool IsSuccess(this LedgerResultCode code) => code is LedgerResultCode.Ok or LedgerResultCode.Exists;
}
