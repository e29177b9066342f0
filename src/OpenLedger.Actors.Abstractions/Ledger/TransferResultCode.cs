namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// Outcome of a ledger write; expected outcomes are codes, not exceptions. This is the contract's copy of the domain's
/// <c>LedgerResultCode</c> (same names, same values, same order — a test checks), and the order is the precedence:
/// when several apply, the first one here is the answer. Every answer is consistent with durable state: codes that
/// depend on state (from <see cref="ExistsWithDifferentAccount"/> on) are given only once that state is durable.
/// </summary>
public enum TransferResultCode
{
    Ok = 0,

    // The request alone.
    IdMissing = 1,
    InvalidAccount = 2,
    AccountMissing = 3,
    NoPostings = 4,
    /// <summary>More than 256 postings.</summary>
    TooManyPostings = 5,
    AmountMustBePositive = 6,
    SameDebitAndCredit = 7,
    /// <summary>A post or void names no pending transfer.</summary>
    PendingIdMissing = 8,
    /// <summary>A pending transfer's timeout is not a whole number of milliseconds between 1 ms and one day.</summary>
    TimeoutInvalid = 9,
    /// <summary>Encoded, the write is larger than one journal record holds.</summary>
    TooLarge = 10,

    // The id.
    /// <summary>The account is registered with a different kind, owner address or credit limit.</summary>
    ExistsWithDifferentAccount = 11,
    /// <summary>The id was used for a different write (postings, reference, kind, pending id or timeout).</summary>
    ExistsWithDifferentPostings = 12,
    /// <summary>Applied before with the same body: success, nothing changed now.</summary>
    Exists = 13,

    // The state it refers to.
    /// <summary>A posting debits (or a claim names) an account the ledger has never seen.</summary>
    AccountNotFound = 14,
    PendingNotFound = 15,
    PendingAlreadyPosted = 16,
    PendingAlreadyVoided = 17,
    /// <summary>The pending transfer timed out first: it was voided and nothing was charged.</summary>
    PendingExpired = 18,
    /// <summary>A post debits an account the pending transfer did not reserve, or more than it reserved there.</summary>
    PostExceedsPending = 19,
    BalanceOverflow = 20,
    /// <summary>The available balance does not cover the debit (credit limits cover fees only).</summary>
    InsufficientFunds = 21,
}
