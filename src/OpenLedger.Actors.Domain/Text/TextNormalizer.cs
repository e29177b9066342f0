using System.Text;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// The one normal form of a text contribution, so equal texts hash equally and tokenise equally: strict UTF-8 (no
/// invalid bytes, no lone surrogates), a leading byte-order mark dropped, line endings (CR LF, CR, U+2028, U+2029,
/// NEL) turned into LF, control characters other than tab and LF turned into a space (NUL is refused: that is binary
/// data, not text), Unicode NFC (<see cref="UnicodeNfc"/>), trailing whitespace at the end removed. A text that is empty after that is refused,
/// and so is one longer than the limit in UTF-8 bytes (measured after normalisation; a raw text of more than four
/// times the limit in UTF-16 code units is refused before any work).
/// </summary>
public static class TextNormalizer
{
    /// <summary>The default limit on a document's normalised size: 256 KiB of UTF-8.</summary>
    public const int DefaultMaxBytes = 256 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Normalises UTF-8 bytes; a problem (never an exception) for bad input.</summary>
    public static (string? Text, ValidationProblem? Problem) Normalize(ReadOnlySpan<byte> utf8, int maxBytes = DefaultMaxBytes)
    {
        string decoded;
        try
        {
            decoded = StrictUtf8.GetString(utf8);
        }
        catch (DecoderFallbackException)
        {
            return (null, new("text.invalid_utf8", "The text is not valid UTF-8."));
        }
        return Normalize(decoded, maxBytes);
    }

    /// <summary>Normalises a string; a problem (never an exception) for bad input.</summary>
    public static (string? Text, ValidationProblem? Problem) Normalize(string? text, int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, 1);
        if (text is null) return (null, new("text.missing", "The text is required."));
        // Refused before any work: a raw text far beyond the limit (more than 4× it in UTF-16 code units).
        if (text.Length > 4L * maxBytes + 16) return (null, TooLarge(maxBytes));

        var builder = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (i == 0 && c == '\uFEFF') continue;
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1])) return (null, LoneSurrogate());
                builder.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            if (char.IsLowSurrogate(c)) return (null, LoneSurrogate());
            switch (c)
            {
                case '\0':
                    return (null, new("text.binary", "The text holds a NUL character: binary data is not a text contribution."));
                case '\r':
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                    break;
                case '\n' or '\t':
                    builder.Append(c);
                    break;
                case '\u2028' or '\u2029' or '\u0085':
                    builder.Append('\n');
                    break;
                default:
                    builder.Append(char.IsControl(c) ? ' ' : c);
                    break;
            }
        }

        var composed = UnicodeNfc.Normalize(builder.ToString());
        if (composed is null) return (null, new("text.normalization_unavailable", "The text needs Unicode normalisation and this server has no ICU library to do it."));
        var normalized = composed.TrimEnd();
        if (normalized.Length == 0) return (null, new("text.empty", "The text is empty (or only whitespace)."));
        if (Encoding.UTF8.GetByteCount(normalized) > maxBytes) return (null, TooLarge(maxBytes));
        return (normalized, null);
    }

    private static ValidationProblem TooLarge(int maxBytes) =>
        new("text.too_large", $"The text is larger than {maxBytes:N0} bytes of UTF-8 after normalisation.");

    private static ValidationProblem LoneSurrogate() =>
        new("text.invalid_utf16", "The text holds an unpaired surrogate (it is not valid Unicode).");
}
