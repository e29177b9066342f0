namespace OpenLedger.Actors.Domain.Validation;

/// <summary>
/// Account identifiers: 1–128 characters of letters, digits and <c>: . _ -</c> (a wallet address such as
/// <c>0xAbC…</c>, or <c>agent:acme</c>). The prefixes <c>protocol:</c> and <c>external:</c> are reserved
/// for the system's own accounts.
/// </summary>
public static class AccountId
{
    public const int MaxLength = 128;
    public const string Protocol = "protocol:treasury";
    public const string ExternalDeposits = "external:deposits";

    public static bool IsSystemAccount(string account) =>
        account.StartsWith("protocol:", StringComparison.Ordinal) || account.StartsWith("external:", StringComparison.Ordinal);

    /// <summary>Where claimed rewards leave the system (credited by every claim).</summary>
    public const string ExternalClaims = "external:claims";

    /// <summary>
    /// The system's external accounts stand for money outside the ledger: their balance may be any sign
    /// (a deposit debits <see cref="ExternalDeposits"/>, a claim credits <see cref="ExternalClaims"/>).
    /// </summary>
    public static bool IsExternal(string account) => account.StartsWith("external:", StringComparison.Ordinal);

    public static ValidationProblem? Validate(string? account, string field = "account")
    {
        if (string.IsNullOrEmpty(account)) return new("account.missing", $"The {field} is required.");
        if (account.Length > MaxLength) return new("account.too_long", $"The {field} is longer than {MaxLength} characters.");
        foreach (var ch in account)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is ':' or '.' or '_' or '-'))
                return new("account.invalid", $"The {field} may only hold ASCII letters, digits and ': . _ -'.");
        }
        if (IsSystemAccount(account)) return new("account.reserved", $"The {field} '{account}' is reserved for the system.");
        return null;
    }

    /// <summary>Same rules for other identifiers (Datanet, model, session ids, idempotency keys).</summary>
    public static ValidationProblem? ValidateIdentifier(string? id, string field) => ValidateCharacters(id, field, MaxLength, allowSeparator: false);

    /// <summary>
    /// Transfer ids may join identifiers with '|' (e.g. <c>inference:{session}|{key}</c>), so they allow '|'
    /// and up to <see cref="MaxTransferIdLength"/> characters.
    /// </summary>
    public static ValidationProblem? ValidateTransferId(string? id) => ValidateCharacters(id, "transfer id", MaxTransferIdLength, allowSeparator: true);

    public const int MaxTransferIdLength = 3 * MaxLength;

    /// <summary>Posting codes (<c>fee.contributor</c>, <c>claim</c>, …) are machine labels: the identifier characters, up to 64.</summary>
    public static ValidationProblem? ValidatePostingCode(string? code) => ValidateCharacters(code, "posting code", Ledger.PostingCodes.MaxLength, allowSeparator: false);

    private static ValidationProblem? ValidateCharacters(string? id, string field, int maxLength, bool allowSeparator)
    {
        if (string.IsNullOrEmpty(id)) return new("id.missing", $"The {field} is required.");
        if (id.Length > maxLength) return new("id.too_long", $"The {field} is longer than {maxLength} characters.");
        foreach (var ch in id)
        {
            if (!(char.IsAsciiLetterOrDigit(ch) || ch is ':' or '.' or '_' or '-' || (allowSeparator && ch == '|')))
                return new("id.invalid", $"The {field} may only hold ASCII letters, digits and ': . _ -'{(allowSeparator ? " and '|'" : "")}.");
        }
        return null;
    }
}
