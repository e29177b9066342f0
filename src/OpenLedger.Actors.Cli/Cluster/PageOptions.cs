using System.CommandLine;
using OpenLedger.Actors.Abstractions.Paging;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// The paging options of every listing command, in the HTTP API's vocabulary (<see cref="PageCursor"/>): <c>--limit N</c>
/// items a page (1–200, default 50) and <c>--cursor C</c>, the <c>nextCursor</c> of the previous page — printed by this tool
/// or returned by the HTTP API for the same list, the two are the same token (none: the first page; null at the end).
/// </summary>
internal sealed class PageOptions
{
    public Option<int> Limit { get; } = new("--limit") { Description = $"Items per page (1–{PageCursor.MaxLimit}), the HTTP API's limit.", DefaultValueFactory = _ => PageCursor.DefaultLimit };
    public Option<string?> Cursor { get; } = new("--cursor") { Description = "Continue after the page whose nextCursor this is (this tool's or the HTTP API's; default: the first page)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Limit);
        command.Options.Add(Cursor);
    }

    /// <summary>
    /// The page asked for: offset and limit, or the problem with <c>--limit</c> or <c>--cursor</c> and its code (the HTTP
    /// API's for the same mistake: <c>page.limit</c>, <c>page.cursor_invalid</c>).
    /// </summary>
    public (int Offset, int Limit, (string Code, string Message)? Problem) Read(ParseResult parse)
    {
        var limit = parse.GetValue(Limit);
        if (!PageCursor.IsValidLimit(limit)) return (0, 0, ("page.limit", $"--limit must be between 1 and {PageCursor.MaxLimit}; got {limit}."));
        if (parse.GetValue(Cursor) is not { } cursor) return (0, limit, null);
        return PageCursor.TryDecodeNumber(cursor, out var offset) && offset <= int.MaxValue ? ((int)offset, limit, null) : (0, 0, InvalidCursor(cursor));
    }

    /// <summary>The refusal of a cursor neither this tool nor the HTTP API made for a numbered list (the API's code for the same mistake).</summary>
    public static (string Code, string Message) InvalidCursor(string cursor) =>
        ("page.cursor_invalid", $"--cursor '{cursor}' is not a nextCursor of this list; start again without --cursor.");

    /// <summary>
    /// A page from <paramref name="fetched"/>, read with one item more than the limit: the items shown and the cursor
    /// of the next page (null when this was the last), the same token the HTTP API returns for that page.
    /// </summary>
    public static (IReadOnlyList<T> Items, string? NextCursor) FromOverfetch<T>(IReadOnlyList<T> fetched, int offset, int limit) =>
        fetched.Count > limit ? ([.. fetched.Take(limit)], PageCursor.Encode((long)offset + limit)) : (fetched, null);
}
