using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Grains;

/// <summary>Turns domain validation problems into the typed errors of the grain API.</summary>
internal static class Guard
{
    public static void Valid(ValidationProblem? problem)
    {
        if (problem is not null) throw OpenLedgerException.Validation(problem.Code, problem.Message);
    }

    public static void Account(string? account, string field = "account") => Valid(AccountId.Validate(account, field));

    public static void Identifier(string? id, string field) => Valid(AccountId.ValidateIdentifier(id, field));

    /// <summary>A bounded text field; line breaks only where <paramref name="multiline"/>, no other control characters.</summary>
    public static void Text(string? value, string field, int maxLength, bool required = true, bool multiline = false)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            if (required) throw OpenLedgerException.Validation("text.missing", $"The {field} is required.");
            return;
        }
        if (value.Length > maxLength) throw OpenLedgerException.Validation("text.too_long", $"The {field} is longer than {maxLength} characters.");
        if (value.Any(ch => char.IsControl(ch) && !(multiline && ch is '\n' or '\r' or '\t')))
            throw OpenLedgerException.Validation("text.control_characters", $"The {field} must not contain control characters.");
    }
}
