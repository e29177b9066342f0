namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// What a posting is for, and the rule that follows from it: <b>money moves only from money</b>. A credit limit (a
/// postpaid payer's) may pay fees — postings coded <c>fee.*</c> — and nothing else: a claim, a stake or any other
/// debit must be covered by deposited or earned balance, so credit can never leave the system or be staked.
/// </summary>
public static class PostingCodes
{
    public const int MaxLength = 64;
    public const string FeePrefix = "fee.";
    public const string Deposit = "deposit";
    public const string Claim = "claim";

    public static bool MayDrawOnCredit(string code) => code.StartsWith(FeePrefix, StringComparison.Ordinal);
}
