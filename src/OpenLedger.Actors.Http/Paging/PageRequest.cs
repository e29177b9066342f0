using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Abstractions.Paging;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Paging;

/// <summary>
/// A list request's <c>cursor</c> and <c>limit</c>, in the one paging vocabulary of <see cref="PageCursor"/> (the CLI reads
/// and prints the same cursors): cursors are opaque to clients, limits between 1 and <see cref="MaxLimit"/>.
/// </summary>
public readonly record struct PageRequest(string? Position, int Limit)
{
    public const int DefaultLimit = PageCursor.DefaultLimit;
    public const int MaxLimit = PageCursor.MaxLimit;

    public static PageRequest Parse(string? cursor, int? limit)
    {
        var size = limit ?? DefaultLimit;
        if (!PageCursor.IsValidLimit(size))
            throw new ApiProblemException(StatusCodes.Status400BadRequest, "page.limit", $"limit must be between 1 and {MaxLimit}.");
        if (string.IsNullOrEmpty(cursor)) return new PageRequest(null, size);
        return PageCursor.TryDecode(cursor, out var position) ? new PageRequest(position, size) : throw InvalidCursor();
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

    public static string Encode(string position) => PageCursor.Encode(position);

    public static string Encode(long position) => PageCursor.Encode(position);

    private static ApiProblemException InvalidCursor() =>
        new(StatusCodes.Status400BadRequest, "page.cursor_invalid", "The cursor is not one this API returned.");
}
