using System.CommandLine;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Client;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>datanet import --datanet ID --file DATA.csv --owner ACCOUNT [--contributor ACCOUNT …]</c>: creates the
/// Datanet if it does not exist (schema from the file), then contributes the rows in batches — one submission per
/// batch, contributors taking turns — with progress. Submission ids derive from the file's content, so an
/// interrupted or repeated import resubmits the same batches and adds nothing twice.
/// </summary>
internal static class DatanetImportCommand
{
    public static Command Create()
    {
        var datanet = new Option<string>("--datanet") { Description = "The Datanet id.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "CSV: header, numeric feature columns, last column 'label'.", Required = true };
        var owner = new Option<string>("--owner") { Description = "The Datanet's owner (and curator) if it has to be created.", Required = true };
        var contributors = new Option<string[]>("--contributor")
        {
            Description = "Contributor account; repeat to spread the batches over several contributors (default: the owner).",
            AllowMultipleArgumentsPerToken = true,
        };
        var name = new Option<string?>("--name") { Description = "Datanet name when creating it (default: the file name)." };
        var summary = new Option<string>("--summary") { Description = "One-line summary when creating it.", DefaultValueFactory = _ => "" };
        var tags = new Option<string[]>("--tag") { Description = "A tag when creating it; repeat for more.", AllowMultipleArgumentsPerToken = true };
        var modality = new Option<string>("--modality") { Description = "Modality when creating it.", DefaultValueFactory = _ => "tabular" };
        var classes = new Option<int?>("--classes") { Description = "Number of classes when creating it (default: largest label + 1)." };
        var batchSize = new Option<int>("--batch-size") { Description = "Rows per submission (1–10,000).", DefaultValueFactory = _ => 250 };
        var skip = new Option<int>("--skip") { Description = "Data rows of the file to skip first.", DefaultValueFactory = _ => 0 };
        var rows = new Option<int?>("--rows") { Description = "Import at most this many rows." };
        var prefix = new Option<string?>("--submission-prefix") { Description = "Submission id prefix (default: derived from the file content and range)." };
        var command = new Command("import", "Import a CSV file into a Datanet: create it if needed, then contribute the rows in batches.")
        {
            datanet, file, owner, contributors, name, summary, tags, modality, classes, batchSize, skip, rows, prefix,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var size = parse.GetValue(batchSize);
            if (size is < 1 or > 10_000) return console.Fail(ExitCodes.BadInput, $"--batch-size must be between 1 and 10000; got {size}.");
            CsvInput input;
            try
            {
                input = CsvInput.Read(parse.GetValue(file)!, parse.GetValue(skip), parse.GetValue(rows), parse.GetValue(classes));
            }
            catch (Exception e) when (e is FormatException or IOException or ArgumentException or UnauthorizedAccessException)
            {
                return console.Fail(ExitCodes.BadInput, e.Message, "cli.input");
            }
            var datanetId = parse.GetValue(datanet)!;
            var ownerAccount = parse.GetValue(owner)!;
            var contributorAccounts = parse.GetValue(contributors) is { Length: > 0 } given ? given : [ownerAccount];
            var data = input.Data;

            var (info, created) = await EnsureDatanetAsync(client, datanetId, ownerAccount, new DatanetMetadata(
                parse.GetValue(name) ?? Path.GetFileNameWithoutExtension(parse.GetValue(file)!.Name), parse.GetValue(summary)!,
                $"Imported from {parse.GetValue(file)!.Name} with the openledger CLI.", parse.GetValue(tags) ?? [], parse.GetValue(modality)!,
                data.Dimension, data.ClassCount), cancellationToken);
            if (info.Metadata.Dimension != data.Dimension)
                return console.Fail(ExitCodes.BadInput, $"Datanet '{datanetId}' has {info.Metadata.Dimension} features but the file has {data.Dimension}.", "cli.dimension");

            var submissionPrefix = parse.GetValue(prefix) ?? $"csv-{input.Fingerprint}";
            var receipts = await console.ProgressAsync($"Importing into {datanetId}", data.RowCount, async progress =>
            {
                var submitted = new List<SubmissionReceipt>();
                for (int first = 0, batch = 0; first < data.RowCount; first += size, batch++)
                {
                    var count = Math.Min(size, data.RowCount - first);
                    var batchRows = Enumerable.Range(first, count).Select(i => new ContributionRow(data.Row(i).ToArray(), data.Labels[i])).ToList();
                    submitted.Add(await client.SubmitAsync(datanetId, $"{submissionPrefix}-{batch:D5}", contributorAccounts[batch % contributorAccounts.Length], batchRows, cancellationToken));
                    progress.Increment(count);
                }
                return submitted;
            });
            var after = await client.GetDatanetAsync(datanetId, cancellationToken);
            var submissions = receipts.Select(r => new
            {
                submissionId = r.SubmissionId,
                contributor = r.Rows[0].Contributor,
                rows = r.Rows.Count,
                firstRowId = r.Rows[0].RowId,
                lastRowId = r.Rows[^1].RowId,
            }).ToList();
            if (console.Json)
            {
                console.WriteJson(new
                {
                    datanetId, created, rows = data.RowCount, dimension = data.Dimension, classes = after.Metadata.ClassCount,
                    pending = after.PendingCount, approved = after.ApprovedCount, rejected = after.RejectedCount, submissions,
                });
                return ExitCodes.Ok;
            }
            console.Out.WriteLine($"Datanet {datanetId} ({(created ? "created" : "existing")}, {data.Dimension} features, {after.Metadata.ClassCount} classes): {data.RowCount} rows in {receipts.Count} submissions.");
            var table = CliTable.Create(["submission", "contributor", "rows", "first row", "last row"], "rows", "first row", "last row");
            foreach (var s in submissions) table.Add(s.submissionId, s.contributor, s.rows, s.firstRowId, s.lastRowId);
            console.Write(table);
            console.Out.WriteLine($"Rows now pending {after.PendingCount}, approved {after.ApprovedCount}, rejected {after.RejectedCount}.");
            return ExitCodes.Ok;
        });
    }

    private static async Task<(DatanetInfo Info, bool Created)> EnsureDatanetAsync(OpenLedgerClient client, string datanetId, string owner, DatanetMetadata metadata, CancellationToken cancellationToken)
    {
        try
        {
            return (await client.GetDatanetAsync(datanetId, cancellationToken), false);
        }
        catch (OpenLedgerException e) when (e.Kind == ErrorKind.NotFound)
        {
            return (await client.CreateDatanetAsync(datanetId, owner, metadata, cancellationToken), true);
        }
    }
}
