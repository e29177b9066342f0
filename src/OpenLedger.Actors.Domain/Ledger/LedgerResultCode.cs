namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// Explicit outcomes of a ledger write (expected outcomes are codes, not exceptions). This enum is the one
/// definition: the contract's <c>TransferResultCode</c> mirrors it by name and value (a test checks), and its order
/// is the precedence: when several codes apply, the write is answered with the first one here. Three groups:
/// <list type="number">
/// <item>the request alone (<see cref="IdMissing"/> … <see cref="TooLarge"/>): answered without looking at any state;</item>
/// <item>the id (<see cref="ExistsWithDifferentAccount"/> … <see cref="Exists"/>): what was done before under it;</item>
/// <item>the state it refers to (<see cref="AccountNotFound"/> … <see cref="InsufficientFunds"/>).</item>
/// </list>
/// Answers of groups 2 and 3 depend on state, so the ledger gives them only once that state is durable
/// (<see cref="LedgerResultCodeExtensions.DependsOnState"/>).
/// </summary>
public enum LedgerResultCode
{
    Ok = 0,

    // 1. The request alone.
    IdMissing = 1,
    /// <summary>An account registration names no kind (or <c>Implicit</c>) or a negative credit limit.</summary>
    InvalidAccount = 2,
    /// <summary>A posting or registration names no account (or a system account where a user account is needed).</summary>
    AccountMissing = 3,
    NoPostings = 4,
    /// <summary>More postings than <see cref="LedgerLimits.MaxPostingsPerTransfer"/>.</summary>
    TooManyPostings = 5,
    AmountMustBePositive = 6,
    SameDebitAndCredit = 7,
    /// <summary>A post or void of a pending transfer names no pending transfer.</summary>
    PendingIdMissing = 8,
    /// <summary>A pending transfer's timeout is not between 1 ms and <see cref="LedgerLimits.MaxPendingTimeout"/>.</summary>
    TimeoutInvalid = 9,
    /// <summary>Encoded, the write is larger than one journal record holds (<see cref="LedgerLimits"/>).</summary>
    TooLarge = 10,

    // 2. The id.
    /// <summary>An account with this id is registered with a different kind, owner or credit limit.</summary>
    ExistsWithDifferentAccount = 11,
    /// <summary>This id was used for a different write (other postings, reference, kind, pending id or timeout).</summary>
    ExistsWithDifferentPostings = 12,
    /// <summary>The same write was applied before under this id; treat as success.</summary>
    Exists = 13,

    // 3. The state it refers to.
    /// <summary>A posting debits an account the ledger has never seen (never opened, never credited).</summary>
    AccountNotFound = 14,
    /// <summary>A post or void names a pending transfer the ledger does not hold.</summary>
    PendingNotFound = 15,
    PendingAlreadyPosted = 16,
    PendingAlreadyVoided = 17,
    /// <summary>The pending transfer's timeout passed first: it was voided and nothing was charged.</summary>
    PendingExpired = 18,
    /// <summary>A post's postings debit an account the pending transfer did not reserve, or more than it reserved there.</summary>
    PostExceedsPending = 19,
    BalanceOverflow = 20,
    /// <summary>
    /// A debit would take an account's available balance (posted minus reserved) below its floor: minus its credit
    /// limit for fee postings, zero for everything else (money leaves or is staked only from money).
    /// </summary>
    InsufficientFunds = 21,
}

public static class LedgerResultCodeExtensions
{
    /// <summary>True for the outcomes after which the write is (now or already) applied.</summary>
    public static bool IsSuccess(this LedgerResultCode code) => code is LedgerResultCode.Ok or LedgerResultCode.Exists;

    /// <summary>
    /// True when the answer depends on the ledger's state (ids and balances), not on the request alone: such an
    /// answer may only be given once the state it was computed on is durable.
    /// </summary>
    public static bool DependsOnState(this LedgerResultCode code) => code >= LedgerResultCode.ExistsWithDifferentAccount;
}
