using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Cli.Output;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// <c>infer --session ID --file QUERIES.csv [--payer ACCOUNT --model ID] [--use-labels]</c>: runs one inference per CSV
/// row through a session (opened first when payer and model are given), with progress, and prints each
/// prediction with its fee and top contributor. The idempotency keys derive from the file's content, so running
/// the same file again returns the stored results and charges nothing twice.
/// </summary>
internal static class InferCommand
{
    public static Command Create()
    {
        var session = new Option<string>("--session") { Description = "The inference session id.", Required = true };
        var file = new Option<FileInfo>("--file") { Description = "CSV in the training form (header, features, last column 'label').", Required = true };
        var payer = new Option<string?>("--payer") { Description = "Open the session for this paying account first (with --model)." };
        var model = new Option<string?>("--model") { Description = "Open the session on this model first (with --payer)." };
        var topK = new Option<int>("--top-k") { Description = "Influential rows kept per inference when opening the session.", DefaultValueFactory = _ => 10 };
        var useLabels = new Option<bool>("--use-labels") { Description = "Attribute each query's loss against its label column (default: against the prediction)." };
        var skip = new Option<int>("--skip") { Description = "Data rows of the file to skip first.", DefaultValueFactory = _ => 0 };
        var rows = new Option<int?>("--rows") { Description = "Run at most this many rows." };
        var keyPrefix = new Option<string?>("--key-prefix") { Description = "Idempotency key prefix (default: derived from the file content and range)." };
        var concurrency = new Option<int>("--concurrency") { Description = "Inferences in flight at once (1–64).", DefaultValueFactory = _ => 4 };
        var command = new Command("infer", "Run inferences from a CSV file and print predictions, fees and top contributors.")
        {
            session, file, payer, model, topK, useLabels, skip, rows, keyPrefix, concurrency,
        };
        return ClusterConnection.Attach(command, async (parse, client, console, cancellationToken) =>
        {
            var parallelism = parse.GetValue(concurrency);
            if (parallelism is < 1 or > 64) return console.Fail(ExitCodes.BadInput, $"--concurrency must be between 1 and 64; got {parallelism}.");
            if ((parse.GetValue(payer) is null) != (parse.GetValue(model) is null))
                return console.Fail(ExitCodes.BadInput, "Give --payer and --model together (to open the session), or neither (it is open already).");
            CsvInput input;
            try
            {
                input = CsvInput.Read(parse.GetValue(file)!, parse.GetValue(skip), parse.GetValue(rows));
            }
            catch (Exception e) when (e is FormatException or IOException or ArgumentException or UnauthorizedAccessException)
            {
                return console.Fail(ExitCodes.BadInput, e.Message, "cli.input");
            }
            var sessionId = parse.GetValue(session)!;
            var opened = parse.GetValue(payer) is { } payerAccount
                ? await client.OpenSessionAsync(sessionId, payerAccount, parse.GetValue(model)!, parse.GetValue(topK), cancellationToken)
                : await client.GetSessionAsync(sessionId, cancellationToken);

            var data = input.Data;
            var prefix = parse.GetValue(keyPrefix) ?? $"csv-{input.Fingerprint}";
            var labels = parse.GetValue(useLabels);
            var results = new InferenceResult[data.RowCount];
            await console.ProgressAsync($"Inferring on {opened.ModelId}", data.RowCount, async progress =>
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, data.RowCount), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = cancellationToken },
                    async (i, token) =>
                    {
                        var request = new InferenceRequest($"{prefix}-{input.FirstRow + i}", data.Row(i).ToArray(), labels ? data.Labels[i] : null);
                        results[i] = await client.InferAsync(sessionId, request, token);
                        progress.Increment(1); // ProgressTask is thread-safe
                    });
                return results.Length;
            });

            var correct = results.Where((r, i) => r.PredictedClass == data.Labels[i]).Count();
            var charged = results.Sum(r => r.Receipt.Postings.Sum(p => p.Amount));
            if (console.Json)
            {
                console.WriteJson(new
                {
                    sessionId, modelId = opened.ModelId, inferences = results.Length, charged, accuracyAgainstFileLabels = (double)correct / results.Length,
                    results = results.Select((r, i) => new
                    {
                        row = input.FirstRow + i, inferenceId = r.InferenceId, label = data.Labels[i], predictedClass = r.PredictedClass,
                        probability = r.Probabilities.Length > r.PredictedClass ? r.Probabilities[r.PredictedClass] : (double?)null,
                        fee = r.Receipt.Fee, ledgerTransferId = r.Receipt.LedgerTransferId, method = r.Receipt.Method, influences = r.Receipt.Influences,
                    }),
                });
                return ExitCodes.Ok;
            }
            var table = CliTable.Create(["row", "label", "predicted", "p", "fee", "top contributor", "weight"], "row", "label", "predicted", "p", "fee", "weight");
            for (var i = 0; i < results.Length; i++)
            {
                var r = results[i];
                var top = r.Receipt.Influences.Count > 0 ? r.Receipt.Influences[0] : null;
                var p = r.Probabilities.Length > r.PredictedClass ? r.Probabilities[r.PredictedClass].ToString("F3", CultureInfo.InvariantCulture) : "-";
                table.Add(input.FirstRow + i, data.Labels[i], r.PredictedClass, p, r.Receipt.Fee.ToString("N0", CultureInfo.InvariantCulture),
                    top is null ? "-" : $"{top.Contributor} (row {top.RowId})", top is null ? "-" : top.Weight.ToString("F3", CultureInfo.InvariantCulture));
            }
            console.Write(table);
            console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{results.Length} inferences in session {sessionId} on {opened.ModelId}: {correct} match the file's labels ({(double)correct / results.Length:P1}); {charged:N0} micro-units in fees (each key is charged once, however often it runs)."));
            return ExitCodes.Ok;
        });
    }
}
