using System.CommandLine;
using System.Globalization;
using System.Text;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// The paging vocabulary of every listing command, the HTTP API's: <c>--limit N</c> items a page (1–200, default 50) and
/// <c>--cursor C</c>, the opaque <c>nextCursor</c> the previous page printed (none: the first page; null at the end).
/// </summary>
internal sealed class PageOptions
{
    public const int MaxLimit = 200;
    private const string Prefix = "cli1:";

    public Option<int> Limit { get; } = new("--limit") { Description = $"Items per page (1–{MaxLimit}).", DefaultValueFactory = _ => 50 };
    public Option<string?> Cursor { get; } = new("--cursor") { Description = "Continue after the page whose nextCursor this is (default: the first page)." };

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
        if (limit is < 1 or > MaxLimit) return (0, 0, ("page.limit", $"--limit must be between 1 and {MaxLimit}; got {limit}."));
        if (parse.GetValue(Cursor) is not { } cursor) return (0, limit, null);
        return TryDecode(cursor, out var offset) && offset <= int.MaxValue ? ((int)offset, limit, null) : (0, 0, InvalidCursor(cursor));
    }

    /// <summary>The refusal of a cursor this tool did not print (the HTTP API's code for the same mistake).</summary>
    public static (string Code, string Message) InvalidCursor(string cursor) =>
        ("page.cursor_invalid", $"--cursor '{cursor}' is not a cursor this tool printed; start again without --cursor.");

    /// <summary>
    /// A page from <paramref name="fetched"/>, read with one item more than the limit: the items shown and the cursor
    /// of the next page (null when this was the last).
    /// </summary>
    public static (IReadOnlyList<T> Items, string? NextCursor) FromOverfetch<T>(IReadOnlyList<T> fetched, int offset, int limit) =>
        fetched.Count > limit ? ([.. fetched.Take(limit)], Encode(offset + limit)) : (fetched, null);

    /// <summary>The cursor of the page after <paramref name="position"/> (an offset, or a statement's last line).</summary>
    internal static string Encode(long position) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + position.ToString(CultureInfo.InvariantCulture))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    internal static bool TryDecode(string cursor, out long offset)
    {
        offset = 0;
        if (cursor.Length is 0 or > 64) return false;
        var base64 = cursor.Replace('-', '+').Replace('_', '/');
        base64 = base64.PadRight(base64.Length + (4 - base64.Length % 4) % 4, '=');
        Span<byte> bytes = stackalloc byte[64];
        if (!Convert.TryFromBase64String(base64, bytes, out var written)) return false;
        var text = Encoding.UTF8.GetString(bytes[..written]);
        return text.StartsWith(Prefix, StringComparison.Ordinal)
            && long.TryParse(text.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out offset);
    }
}
