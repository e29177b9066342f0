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

    /// <summary>Text people read (<see cref="DisplayText"/>): bounded, no control, bidi or invisible characters.</summary>
    public static void Text(string? value, string field, int maxLength, bool required = true, bool multiline = false) =>
        Valid(DisplayText.Validate(value, field, maxLength, required, multiline));
}
