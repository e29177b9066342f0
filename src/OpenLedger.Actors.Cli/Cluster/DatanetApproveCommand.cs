using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>datanet approve --datanet ID --curator ACCOUNT [--row-ids 1-100,120 | --all-pending] [--reject] [--no-publish]</c>: reviews
/// rows (by default every pending row, found page by page) and publishes the approved rows as a new immutable version. Reviewing is
/// idempotent; publishing with nothing changed returns the latest version instead of a new one.
/// </summary>
internal static class DatanetApproveCommand
{
    private const int PageSize = 1_000;
    private const int ReviewChunk = 10_000;
    private const int MaxRowIds = 1_000_000;

    public static Command Create()
    {
        var datanet = new Option<string>("--datanet") { Description = "The Datanet id.", Required = true };
        var curator = new Option<string>("--curator") { Description = "The curator account reviewing (publishing needs the owner).", Required = true };
        var rowIds = new Option<string?>("--row-ids") { Description = "Rows to review, e.g. 1-100,120 (default: every pending row)." };
        var allPending = new Option<bool>("--all-pending") { Description = "Review every pending row, page by page, without naming ids (the default when --row-ids is not given)." };
        var reject = new Option<bool>("--reject") { Description = "Reject the rows instead of approving them (publishes nothing)." };
        var noPublish = new Option<bool>("--no-publish") { Description = "Review only; do not publish a version." };
        var command = new Command("approve", "Approve (or reject) a Datanet's rows and publish the approved rows as a new version.")
        {
            datanet, curator, rowIds, allPending, reject, noPublish,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var datanetId = parse.GetValue(datanet)!;
            var curatorAccount = parse.GetValue(curator)!;
            var approve = !parse.GetValue(reject);
            var spec = parse.GetValue(rowIds);
            if (spec is not null && parse.GetValue(allPending))
                return console.Fail(ExitCodes.BadInput, "Give --row-ids or --all-pending, not both.", "cli.row_ids");
            long[] targets = [];
            if (spec is not null && !TryParseRowIds(spec, out targets, out var problem)) return console.Fail(ExitCodes.BadInput, problem, "cli.row_ids");

            var verb = approve ? "Approving" : "Rejecting";
            var (reviewed, changed) = spec is not null
                ? await console.ProgressAsync($"{verb} rows of {datanetId}", targets.Length, progress => ReviewAsync(client, datanetId, curatorAccount, targets, approve, progress, cancellationToken))
                : await console.ProgressAsync($"{verb} pending rows of {datanetId}", (await client.GetDatanetAsync(datanetId, cancellationToken)).PendingCount,
                    progress => ReviewPendingAsync(client, datanetId, curatorAccount, approve, progress, cancellationToken));
            DatanetVersionInfo? version = null;
            if (approve && !parse.GetValue(noPublish)) version = await client.PublishVersionAsync(datanetId, curatorAccount, cancellationToken);
            var info = await client.GetDatanetAsync(datanetId, cancellationToken);

            if (console.Json)
            {
                console.WriteJson(new
                {
                    datanetId, reviewed, changed, decision = approve ? "approved" : "rejected", version,
                    pending = info.PendingCount, approved = info.ApprovedCount, rejected = info.RejectedCount,
                });
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"{(approve ? "Approved" : "Rejected")} {reviewed} rows of {datanetId} ({changed} changed status).");
            if (version is not null)
            {
                var table = CliTable.Create(["version", "rows", "artifact", "published (UTC)"], "version", "rows");
                table.Add(version.Version, version.RowCount, version.ArtifactKey, version.PublishedAt.UtcDateTime.ToString("u", CultureInfo.InvariantCulture));
                console.Write(table);
            }
            console.Out.WriteLine($"Rows now pending {info.PendingCount}, approved {info.ApprovedCount}, rejected {info.RejectedCount}; {info.VersionCount} versions.");
            return ExitCodes.Ok;
        });
    }

    /// <summary>Reviews the named rows, <see cref="ReviewChunk"/> a call.</summary>
    private static async Task<(int Reviewed, int Changed)> ReviewAsync(Client.OpenLedgerClient client, string datanetId, string curator, long[] rowIds, bool approve,
        Spectre.Console.ProgressTask progress, CancellationToken cancellationToken)
    {
        var changed = 0;
        foreach (var chunk in rowIds.Chunk(ReviewChunk))
        {
            changed += await client.ReviewAsync(datanetId, curator, chunk, approve, cancellationToken);
            progress.Increment(chunk.Length);
        }
        return (rowIds.Length, changed);
    }

    /// <summary>
    /// Reviews every pending row without collecting their ids first: pages through the rows (<see cref="PageSize"/> a page,
    /// in row order, which reviewing does not change) and reviews each page's pending rows as it goes.
    /// </summary>
    private static async Task<(int Reviewed, int Changed)> ReviewPendingAsync(Client.OpenLedgerClient client, string datanetId, string curator, bool approve,
        Spectre.Console.ProgressTask progress, CancellationToken cancellationToken)
    {
        var (reviewed, changed) = (0, 0);
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await client.ListContributionsAsync(datanetId, offset, PageSize, cancellationToken);
            var pending = page.Where(r => r.Status == ContributionStatus.Pending).Select(r => r.RowId).ToArray();
            if (pending.Length > 0)
            {
                changed += await client.ReviewAsync(datanetId, curator, pending, approve, cancellationToken);
                reviewed += pending.Length;
                progress.Increment(pending.Length);
            }
            if (page.Count < PageSize) return (reviewed, changed);
        }
    }

    /// <summary>Parses <c>1-100,120</c> into row ids (at most 1,000,000; ranges ascending).</summary>
    internal static bool TryParseRowIds(string spec, out long[] rowIds, out string problem)
    {
        var ids = new List<long>();
        rowIds = [];
        problem = "";
        foreach (var part in spec.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', 1);
            var fromText = dash < 0 ? part : part[..dash];
            var toText = dash < 0 ? part : part[(dash + 1)..];
            if (!long.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var from)
                || !long.TryParse(toText, NumberStyles.None, CultureInfo.InvariantCulture, out var to) || from < 1 || to < from || to - from >= MaxRowIds - ids.Count)
            {
                problem = $"--row-ids: '{part}' is not a row id or an ascending range of positive row ids (at most 1,000,000 rows in all).";
                return false;
            }
            for (var id = from; ; id++) // stops at 'to' before incrementing, so long.MaxValue cannot wrap around
            {
                ids.Add(id);
                if (id == to) break;
            }
        }
        if (ids.Count == 0)
        {
            problem = "--row-ids names no rows.";
            return false;
        }
        rowIds = [.. ids];
        return true;
    }
}
