using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>datanet approve --datanet ID --curator ACCOUNT [--row-ids 1-100,120] [--reject] [--no-publish]</c>: reviews rows
/// (by default every pending row) and publishes the approved rows as a new immutable version. Reviewing is
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
        var reject = new Option<bool>("--reject") { Description = "Reject the rows instead of approving them (publishes nothing)." };
        var noPublish = new Option<bool>("--no-publish") { Description = "Review only; do not publish a version." };
        var command = new Command("approve", "Approve (or reject) a Datanet's rows and publish the approved rows as a new version.")
        {
            datanet, curator, rowIds, reject, noPublish,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var datanetId = parse.GetValue(datanet)!;
            var curatorAccount = parse.GetValue(curator)!;
            long[] targets;
            if (parse.GetValue(rowIds) is { } spec)
            {
                if (!TryParseRowIds(spec, out targets, out var problem)) return console.Fail(ExitCodes.BadInput, problem, "cli.row_ids");
            }
            else
            {
                targets = await PendingRowIdsAsync(client, datanetId, cancellationToken);
            }

            var approve = !parse.GetValue(reject);
            var changed = await console.ProgressAsync(approve ? $"Approving rows of {datanetId}" : $"Rejecting rows of {datanetId}", targets.Length, async progress =>
            {
                var count = 0;
                foreach (var chunk in targets.Chunk(ReviewChunk))
                {
                    count += await client.ReviewAsync(datanetId, curatorAccount, chunk, approve, cancellationToken);
                    progress.Increment(chunk.Length);
                }
                return count;
            });
            DatanetVersionInfo? version = null;
            if (approve && !parse.GetValue(noPublish)) version = await client.PublishVersionAsync(datanetId, curatorAccount, cancellationToken);
            var info = await client.GetDatanetAsync(datanetId, cancellationToken);

            if (console.Json)
            {
                console.WriteJson(new
                {
                    datanetId, reviewed = targets.Length, changed, decision = approve ? "approved" : "rejected", version,
                    pending = info.PendingCount, approved = info.ApprovedCount, rejected = info.RejectedCount,
                });
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"{(approve ? "Approved" : "Rejected")} {targets.Length} rows of {datanetId} ({changed} changed status).");
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

    private static async Task<long[]> PendingRowIdsAsync(Client.OpenLedgerClient client, string datanetId, CancellationToken cancellationToken)
    {
        var pending = new List<long>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await client.ListContributionsAsync(datanetId, offset, PageSize, cancellationToken);
            pending.AddRange(page.Where(r => r.Status == ContributionStatus.Pending).Select(r => r.RowId));
            if (page.Count < PageSize) return [.. pending];
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
