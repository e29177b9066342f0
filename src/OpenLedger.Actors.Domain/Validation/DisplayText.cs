using System.Globalization;

namespace OpenLedger.Actors.Domain.Validation;

/// <summary>
/// Text that people read (display names, Datanet names and descriptions, tags, reasons): bounded, no control characters
/// (line breaks and tabs only where multi-line), and nothing that makes text read differently from what it is —
/// no bidirectional controls (U+202E RIGHT-TO-LEFT OVERRIDE turns "user‮gnp.exe" into "userexe.png"), no invisible
/// format characters (U+200B ZERO WIDTH SPACE, U+FEFF, U+00AD, joiners: two names that look alike must be alike), no
/// blank fillers that render as nothing (U+3164, U+2800, …), and no unpaired surrogates.
/// </summary>
public static class DisplayText
{
    private static readonly HashSet<char> BlankFillers = ['\u115F', '\u1160', '\u17B4', '\u17B5', '\u2800', '\u3164', '\uFFA0', '\u034F'];

    public static ValidationProblem? Validate(string? value, string field, int maxLength, bool required = true, bool multiline = false)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
            return required ? new ValidationProblem("text.missing", $"The {field} is required.") : null;
        if (value.Length > maxLength) return new("text.too_long", $"The {field} is longer than {maxLength} characters.");
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (char.IsControl(ch) && !(multiline && ch is '\n' or '\r' or '\t'))
                return new("text.control_characters", $"The {field} must not contain control characters.");
            if (char.IsHighSurrogate(ch) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                if (CharUnicodeInfo.GetUnicodeCategory(value, i) == UnicodeCategory.Format)
                    return Invisible(field, char.ConvertToUtf32(ch, value[i + 1]));
                i++;
                continue;
            }
            if (char.IsSurrogate(ch)) return new("text.invalid_unicode", $"The {field} holds an unpaired surrogate (not valid Unicode text).");
            if (IsBidiControl(ch)) return new("text.bidi_control", $"The {field} must not contain bidirectional control characters (U+{(int)ch:X4}).");
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.Format || BlankFillers.Contains(ch)) return Invisible(field, ch);
        }
        return null;
    }

    private static bool IsBidiControl(char ch) => ch is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static ValidationProblem Invisible(string field, int codePoint) =>
        new("text.invisible_characters", $"The {field} must not contain invisible characters (U+{codePoint:X4}).");
}
