using System.Globalization;
using System.Text;

namespace OpenLedger.Actors.Abstractions.Paging;

/// <summary>
/// The paging vocabulary of every list, the HTTP API's and the CLI's alike: <c>limit</c> items a page (1–<see cref="MaxLimit"/>,
/// default <see cref="DefaultLimit"/>) and <c>cursor</c>, the opaque <c>nextCursor</c> of the previous page. A cursor is the
/// base64url (no padding) of <c>v1:</c> and a position the server chose (a row offset, a statement line, an account id), so
/// a cursor the HTTP API returned continues the same list in the CLI and the other way round.
/// </summary>
public static class PageCursor
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>The longest cursor accepted (positions are ids and numbers, far shorter).</summary>
    public const int MaxLength = 512;

    private const string Version = "v1:";

    /// <summary>Whether <paramref name="limit"/> is a page size a list accepts.</summary>
    public static bool IsValidLimit(int limit) => limit is >= 1 and <= MaxLimit;

    public static string Encode(string position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Version + position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Encode(long position) => Encode(position.ToString(CultureInfo.InvariantCulture));

    /// <summary>The position a cursor carries; false for anything <see cref="Encode(string)"/> did not make.</summary>
    public static bool TryDecode(string? cursor, out string position)
    {
        position = "";
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength) return false;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written)) return false;
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(bytes, 0, written);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }
        if (!text.StartsWith(Version, StringComparison.Ordinal) || text.Length == Version.Length) return false;
        position = text[Version.Length..];
        return true;
    }

    /// <summary>The position of a cursor over a numbered list (an offset, a line number): a non-negative whole number.</summary>
    public static bool TryDecodeNumber(string? cursor, out long position)
    {
        position = 0;
        return TryDecode(cursor, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out position);
    }
}
