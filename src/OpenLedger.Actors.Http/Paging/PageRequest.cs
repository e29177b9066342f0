using System.Text;
using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Paging;

/// <summary>
/// A list request's <c>cursor</c> and <c>limit</c>. Cursors are opaque to clients (base64url of a position the
/// server chose: a row offset, a statement line, an account id); limits are between 1 and <see cref="MaxLimit"/>.
/// </summary>
public readonly record struct PageRequest(string? Position, int Limit)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    private const int MaxCursorLength = 512;
    private const string Version = "v1:";

    public static PageRequest Parse(string? cursor, int? limit)
    {
        var size = limit ?? DefaultLimit;
        if (size is < 1 or > MaxLimit)
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "page.limit", $"limit must be between 1 and {MaxLimit}.");
        if (string.IsNullOrEmpty(cursor)) return new PageRequest(null, size);
        return new PageRequest(Decode(cursor), size);
    }

    /// <summary>The position as a non-negative number (offsets, line numbers); 0 without a cursor.</summary>
    public long Offset
    {
        get
        {
            if (Position is null) return 0;
            if (long.TryParse(Position, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)) return n;
            throw InvalidCursor();
        }
    }

    /// <summary>An offset that must fit in an <see cref="int"/> (grain lists paged by offset).</summary>
    public int IntOffset => Offset <= int.MaxValue ? (int)Offset : throw InvalidCursor();

    /// <summary>A page of an in-memory list, from <see cref="IntOffset"/>.</summary>
    public Page<T> Slice<T>(IReadOnlyList<T> all)
    {
        var start = (int)Math.Min(IntOffset, all.Count);
        var items = all.Skip(start).Take(Limit).ToArray();
        var next = start + items.Length;
        return new Page<T>(items, next < all.Count ? Encode(next) : null);
    }

    /// <summary>A page from a grain list read at <see cref="IntOffset"/> with <c>Limit + 1</c> items (the extra one says whether more follow).</summary>
    public Page<T> FromOverfetch<T>(IReadOnlyList<T> fetched)
    {
        var items = fetched.Take(Limit).ToArray();
        return new Page<T>(items, fetched.Count > Limit ? Encode((long)IntOffset + items.Length) : null);
    }

    public static string Encode(string position)
    {
        var bytes = Encoding.UTF8.GetBytes(Version + position);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string Encode(long position) => Encode(position.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string Decode(string cursor)
    {
        if (cursor.Length > MaxCursorLength) throw InvalidCursor();
        try
        {
            var base64 = cursor.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
            var text = new UTF8Encoding(false, true).GetString(Convert.FromBase64String(base64));
            if (!text.StartsWith(Version, StringComparison.Ordinal) || text.Length == Version.Length) throw InvalidCursor();
            return text[Version.Length..];
        }
        catch (FormatException)
        {
            throw InvalidCursor();
        }
        catch (ArgumentException)
        {
            throw InvalidCursor();
        }
    }

    private static ApiProblemException InvalidCursor() =>
        new(StatusCodes.Status400BadRequest, "page.cursor_invalid", "The cursor is not one this API returned.");
}
