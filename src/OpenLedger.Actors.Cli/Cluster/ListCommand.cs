using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Client;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>list contributions --datanet ID</c>, <c>list versions --datanet ID</c> and <c>list submissions --contributor ACCOUNT</c>:
/// one page at a time with <c>--limit</c> and <c>--cursor</c> (<see cref="PageOptions"/>); with <c>--json</c> the page as the
/// HTTP API answers it, <c>{items, nextCursor}</c>.
/// </summary>
internal static class ListCommand
{
    public static Command Create() => new("list", "List a Datanet's contributions or versions, or a contributor's submissions, a page at a time (--limit, --cursor).")
    {
        Listing("contributions", "A Datanet's rows in row order: contributor, label, status, content hash.", "--datanet", "The Datanet id.",
            (client, id, offset, limit, ct) => client.ListContributionsAsync(id, offset, limit, ct),
            ["row", "contributor", "label", "status", "submission", "content hash"], ["row", "label"],
            r => [r.RowId, r.Contributor, r.Label, r.Status, r.SubmissionId, r.ContentHash]),
        Listing("versions", "A Datanet's published versions, oldest first.", "--datanet", "The Datanet id.",
            (client, id, offset, limit, ct) => client.ListVersionsAsync(id, offset, limit, ct),
            ["version", "rows", "artifact", "published (UTC)"], ["version", "rows"],
            v => [v.Version, v.RowCount, v.ArtifactKey, v.PublishedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)]),
        Listing("submissions", "A contributor's submissions across Datanets, in the order made.", "--contributor", "The contributor account.",
            (client, id, offset, limit, ct) => client.ListContributorSubmissionsAsync(id, offset, limit, ct),
            ["datanet", "submission", "first row", "rows"], ["first row", "rows"],
            s => [s.DatanetId, s.SubmissionId, s.FirstRowId, s.RowCount]),
    };

    private delegate Task<IReadOnlyList<T>> Fetch<T>(OpenLedgerClient client, string subject, int offset, int limit, CancellationToken cancellationToken);

    private static Command Listing<T>(string name, string description, string subjectOption, string subjectDescription, Fetch<T> fetch,
        string[] headers, string[] rightAligned, Func<T, object?[]> cells)
    {
        var subject = new Option<string>(subjectOption) { Description = subjectDescription, Required = true };
        var paging = new PageOptions();
        var command = new Command(name, description) { subject };
        paging.AddTo(command);
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var (offset, limit, problem) = paging.Read(parse);
            if (problem is { } refused) return console.Fail(ExitCodes.BadInput, refused.Message, refused.Code);
            var id = parse.GetValue(subject)!;
            var (items, nextCursor) = PageOptions.FromOverfetch(await fetch(client, id, offset, limit + 1, cancellationToken), offset, limit);
            if (console.Json)
            {
                console.WriteJson(new { items, nextCursor });
                return ExitCodes.Ok;
            }
            var table = CliTable.Create(headers, rightAligned);
            foreach (var item in items) table.Add(cells(item));
            console.Write(table);
            console.Out.WriteLine(nextCursor is null
                ? $"{items.Count} shown; that is the last page."
                : $"{items.Count} shown. More: openledger list {name} {subjectOption} {id} --limit {limit} --cursor {nextCursor}");
            return ExitCodes.Ok;
        });
    }
}
