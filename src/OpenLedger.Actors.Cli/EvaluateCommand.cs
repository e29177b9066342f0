using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Cli.Plotting;
using OpenLedger.Actors.Domain.Attribution.Evaluation;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Cli;

/// <summary>
/// <c>evaluate (--data DATA.csv [--query-count Q] | --train TRAIN.csv --queries QUERIES.csv) [--l2] [--alpha] [--subsets]
/// [--loo-rows] [--retrain] [--seed] [--threads] [--out REPORT.json] [--plot PLOT.png]</c>: measures how well
/// each attribution method predicts real retraining (<see cref="AttributionEvaluator"/>), prints a table, and
/// optionally writes the full report as JSON and a predicted-vs-actual scatter plot as PNG.
/// </summary>
internal static class EvaluateCommand
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Command Create()
    {
        var data = new Option<FileInfo?>("--data") { Description = "One CSV to split (seeded) into queries and training rows; or give --train and --queries." };
        var queryCount = new Option<int>("--query-count") { Description = "With --data: how many rows become queries.", DefaultValueFactory = _ => 100 };
        var train = new Option<FileInfo?>("--train") { Description = "Training CSV (header, numeric features, last column 'label')." };
        var queries = new Option<FileInfo?>("--queries") { Description = "Query CSV in the same form; each query's loss is taken against its label." };
        var l2 = new Option<double>("--l2") { Description = "L2 strength λ (> 0).", DefaultValueFactory = _ => 0.01 };
        var alpha = new Option<double>("--alpha") { Description = "Fraction of training rows each LDS subset keeps, in (0, 1).", DefaultValueFactory = _ => 0.5 };
        var subsets = new Option<int>("--subsets") { Description = "Number M of subset retrainings (≥ 3; 50 or more for a stable LDS).", DefaultValueFactory = _ => 50 };
        var looRows = new Option<int>("--loo-rows") { Description = "Rows (seeded sample) retrained without themselves for the leave-one-out correlation; 0 skips.", DefaultValueFactory = _ => 40 };
        var retrain = new Option<string>("--retrain")
        {
            Description = "zero-weight: removed rows weigh 0 in the full objective (same standardisation, λ and 1/N: the counterfactual the influence score defines); scratch: the trainer from scratch on the kept rows.",
            DefaultValueFactory = _ => "zero-weight",
        };
        retrain.AcceptOnlyFromAmong("scratch", "zero-weight");
        var storage = new Option<string>("--storage") { Description = "How the exact method's index stores rows: single (float) or half.", DefaultValueFactory = _ => "single" };
        storage.AcceptOnlyFromAmong("single", "half");
        var seed = new Option<int>("--seed") { Description = "Seeds the split, the subsets and the leave-one-out sample.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Parallel retrainings.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<FileInfo?>("--out") { Description = "Where to write the report as JSON." };
        var plot = new Option<FileInfo?>("--plot") { Description = "Where to draw predicted vs actual loss changes (PNG)." };
        var command = new Command("evaluate", "Measure attribution quality against real retraining: linear datamodeling score and leave-one-out correlation.")
        {
            data, queryCount, train, queries, l2, alpha, subsets, looRows, retrain, storage, seed, threads, output, plot,
        };
        command.SetAction(parse => Run(CliConsole.For(parse),
            parse.GetValue(data), parse.GetValue(queryCount), parse.GetValue(train), parse.GetValue(queries),
            new EvaluationOptions
            {
                Lambda = parse.GetValue(l2),
                Alpha = parse.GetValue(alpha),
                SubsetCount = parse.GetValue(subsets),
                LeaveOneOutRows = parse.GetValue(looRows),
                Retraining = parse.GetValue(retrain) == "zero-weight" ? RetrainingMode.ZeroWeight : RetrainingMode.Scratch,
                Seed = parse.GetValue(seed),
                Storage = parse.GetValue(storage) == "half" ? Domain.Attribution.Scan.ScanPrecision.Half : Domain.Attribution.Scan.ScanPrecision.Single,
                MaxDegreeOfParallelism = parse.GetValue(threads),
            },
            parse.GetValue(output), parse.GetValue(plot)));
        return command;
    }

    private static int Run(CliConsole console, FileInfo? dataFile, int queryCount, FileInfo? trainFile, FileInfo? queryFile, EvaluationOptions options, FileInfo? outFile, FileInfo? plotFile)
    {
        try
        {
            options.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            return console.Fail(ExitCodes.BadInput, e.Message);
        }
        if ((dataFile is null) == (trainFile is null && queryFile is null) || (dataFile is null && (trainFile is null || queryFile is null)))
            return console.Fail(ExitCodes.BadInput, "Give either --data, or both --train and --queries.");

        LabeledDataset train, queries;
        string source;
        try
        {
            if (dataFile is not null)
            {
                var all = CsvDatasetReader.ReadFile(dataFile.FullName);
                if (queryCount < 2 || queryCount > all.RowCount - 4)
                    return console.Fail(ExitCodes.BadInput, $"--query-count must be between 2 and {all.RowCount - 4} for {all.RowCount} rows; got {queryCount}.");
                (train, queries) = Split(all, queryCount, options.Seed);
                source = dataFile.Name;
            }
            else
            {
                train = CsvDatasetReader.ReadFile(trainFile!.FullName);
                queries = CsvDatasetReader.ReadFile(queryFile!.FullName);
                source = trainFile.Name;
            }
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException or UnauthorizedAccessException)
        {
            return console.Fail(ExitCodes.BadInput, e.Message);
        }
        if (queries.Dimension != train.Dimension)
            return console.Fail(ExitCodes.BadInput, $"The queries have {queries.Dimension} features but the training set has {train.Dimension}.");
        if (queries.RowCount < 1) return console.Fail(ExitCodes.BadInput, "At least one query is needed.");
        if (train.RowCount < 8) return console.Fail(ExitCodes.BadInput, $"At least 8 training rows are needed; got {train.RowCount}.");
        var classes = Math.Max(train.ClassCount, queries.ClassCount);
        train = new LabeledDataset(train.Features, train.Labels, train.Dimension, classes, train.FeatureNames);
        queries = new LabeledDataset(queries.Features, queries.Labels, queries.Dimension, classes, queries.FeatureNames);

        EvaluationReport report;
        try
        {
            report = AttributionEvaluator.Evaluate(train, queries, options, new Progress(console.Info));
        }
        catch (TrainingDidNotConvergeException e)
        {
            return console.Fail(ExitCodes.Failed, e.Message);
        }
        catch (ArgumentException e)
        {
            return console.Fail(ExitCodes.BadInput, e.Message);
        }

        if (console.Json) console.WriteJson(ToJson(report, source));
        else PrintTable(console, report, source);
        if (outFile is not null)
        {
            File.WriteAllText(outFile.FullName, JsonSerializer.Serialize(ToJson(report, source), Json));
            console.Info($"Wrote the report to {outFile.FullName}");
        }
        if (plotFile is not null)
        {
            File.WriteAllBytes(plotFile.FullName, LdsScatterPlot.RenderPng(report, $"Attribution vs retraining: {source}"));
            console.Info($"Drew the plot to {plotFile.FullName}");
        }
        return ExitCodes.Ok;
    }

    /// <summary>A seeded shuffle; the first <paramref name="queryCount"/> rows are the queries, the rest train.</summary>
    internal static (LabeledDataset Train, LabeledDataset Queries) Split(LabeledDataset all, int queryCount, int seed)
    {
        var order = Enumerable.Range(0, all.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        return (all.Subset(order[queryCount..]), all.Subset(order[..queryCount]));
    }

    private static void PrintTable(CliConsole console, EvaluationReport report, string source)
    {
        var o = report.Options;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{source}: {report.TrainingRows} training rows × {report.Dimension} features, {report.ClassCount} classes, {report.QueryCount} queries; λ={o.Lambda:G}, α={o.Alpha:G}, M={o.SubsetCount} ({o.Retraining} retraining, {report.KeptRowsPerSubset} rows kept), leave-one-out on {report.LeaveOneOutRows.Length} rows, {o.Storage} storage, seed {o.Seed}; {report.Elapsed.TotalSeconds:F1} s"));
        var table = CliTable.Create(["method", "LDS", "LDS sd", "LDS min", "LOO"], "LDS", "LDS sd", "LDS min", "LOO");
        foreach (var m in report.Methods)
        {
            var sd = Math.Sqrt(m.LdsPerQuery.Sum(v => (v - m.Lds) * (v - m.Lds)) / m.LdsPerQuery.Length);
            table.Add(m.Method, m.Lds.ToString("F3", CultureInfo.InvariantCulture), sd.ToString("F3", CultureInfo.InvariantCulture),
                m.LdsPerQuery.Min().ToString("F3", CultureInfo.InvariantCulture), m.LeaveOneOut is { } loo ? loo.ToString("F3", CultureInfo.InvariantCulture) : "-");
        }
        console.Write(table);
    }

    private static object ToJson(EvaluationReport r, string source) => new
    {
        source,
        trainingRows = r.TrainingRows,
        queries = r.QueryCount,
        dimension = r.Dimension,
        classes = r.ClassCount,
        lambda = r.Options.Lambda,
        alpha = r.Options.Alpha,
        subsets = r.Options.SubsetCount,
        keptRowsPerSubset = r.KeptRowsPerSubset,
        retraining = r.Options.Retraining == RetrainingMode.Scratch ? "scratch" : "zero-weight",
        seed = r.Options.Seed,
        storage = r.Options.Storage == Domain.Attribution.Scan.ScanPrecision.Half ? "half" : "single",
        trainingAccuracy = r.TrainingAccuracy,
        newtonSteps = r.NewtonSteps,
        elapsedSeconds = r.Elapsed.TotalSeconds,
        leaveOneOutRows = r.LeaveOneOutRows,
        methods = r.Methods.Select(m => new
        {
            method = m.Method,
            lds = m.Lds,
            ldsPerQuery = m.LdsPerQuery,
            leaveOneOut = m.LeaveOneOut,
            leaveOneOutPerQuery = m.LeaveOneOutPerQuery,
            predictedLossChange = m.PredictedLossChange,
        }),
        fullQueryLoss = r.FullQueryLoss,
        actualLossChange = r.ActualLossChange,
    };

    private sealed class Progress(Action<string> report) : IProgress<string>
    {
        public void Report(string value) => report(value);
    }
}
