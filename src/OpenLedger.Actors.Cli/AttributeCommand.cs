using System.CommandLine;
using System.Globalization;
using OpenLedger.Actors.Cli.Output;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Cli;

/// <summary>
/// <c>attribute --train TRAIN.csv --queries QUERIES.csv --l2 LAMBDA --out SCORES.csv</c>: trains the built-in
/// model on TRAIN and writes the influence of every training row on every query,
/// <c>query_index,train_index,score</c>, 0-based in file order, the loss taken against each query's label.
/// </summary>
internal static class AttributeCommand
{
    public static Command Create()
    {
        var train = new Option<FileInfo>("--train") { Description = "Training CSV (header, numeric features, last column 'label').", Required = true };
        var queries = new Option<FileInfo>("--queries") { Description = "Query CSV in the same form; each query's loss is taken against its label.", Required = true };
        var l2 = new Option<double>("--l2") { Description = "L2 strength λ (> 0).", DefaultValueFactory = _ => 0.01 };
        var output = new Option<FileInfo>("--out") { Description = "Where to write query_index,train_index,score.", Required = true };
        var command = new Command("attribute", "Score every training row's influence on every query (exact influence functions).") { train, queries, l2, output };
        command.SetAction(parse => Run(CliConsole.For(parse), parse.GetValue(train)!, parse.GetValue(queries)!, parse.GetValue(l2), parse.GetValue(output)!));
        return command;
    }

    private static int Run(CliConsole console, FileInfo trainFile, FileInfo queryFile, double lambda, FileInfo outFile)
    {
        if (!(lambda > 0) || !double.IsFinite(lambda)) return console.Fail(ExitCodes.BadInput, $"--l2 must be a positive finite number; got {lambda}.");
        LabeledDataset train, queries;
        try
        {
            train = CsvDatasetReader.ReadFile(trainFile.FullName);
            queries = CsvDatasetReader.ReadFile(queryFile.FullName);
        }
        catch (Exception e) when (e is FormatException or IOException or ArgumentException)
        {
            return console.Fail(ExitCodes.BadInput, e.Message);
        }
        if (queries.Dimension != train.Dimension)
            return console.Fail(ExitCodes.BadInput, $"The queries have {queries.Dimension} features but the training set has {train.Dimension}.");
        var classes = Math.Max(train.ClassCount, queries.ClassCount);
        train = new LabeledDataset(train.Features, train.Labels, train.Dimension, classes, train.FeatureNames);

        TrainingResult trained;
        try
        {
            trained = LogisticRegressionTrainer.Train(train, new TrainerOptions { Lambda = lambda });
        }
        catch (TrainingDidNotConvergeException e)
        {
            return console.Fail(ExitCodes.Failed, e.Message);
        }
        var index = InfluenceIndex.Build(trained.Model, train);
        console.Info(string.Create(CultureInfo.InvariantCulture,
            $"Trained on {train.RowCount} rows × {train.Dimension} features, {classes} classes: {trained.Iterations} Newton steps, ‖∇J‖ = {trained.GradientNorm:E2}, accuracy {trained.Accuracy:P2}"));

        for (var q = 0; q < queries.RowCount; q++)
        {
            if (queries.Labels[q] >= classes) return console.Fail(ExitCodes.BadInput, $"Query {q}: label {queries.Labels[q]} is outside [0, {classes}).");
        }
        using var writer = new StreamWriter(outFile.FullName);
        writer.WriteLine("query_index,train_index,score");
        const int batch = 64; // queries scanned together: one pass over the training rows per batch
        for (var first = 0; first < queries.RowCount; first += batch)
        {
            var count = Math.Min(batch, queries.RowCount - first);
            var prepared = Enumerable.Range(first, count).Select(q => index.Prepare(queries.Row(q), queries.Labels[q])).ToList();
            var scores = index.ScoreBatch(prepared);
            for (var b = 0; b < count; b++)
            {
                for (var i = 0; i < train.RowCount; i++)
                    writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{first + b},{i},{(double)scores[b * train.RowCount + i]:R}"));
            }
        }
        var scoreCount = (long)queries.RowCount * train.RowCount;
        if (console.Json)
        {
            console.WriteJson(new
            {
                trainingRows = train.RowCount, queries = queries.RowCount, dimension = train.Dimension, classes, lambda,
                newtonSteps = trained.Iterations, gradientNorm = trained.GradientNorm, trainingAccuracy = trained.Accuracy,
                scores = scoreCount, output = outFile.FullName,
            });
        }
        else
        {
            console.Info($"Wrote {scoreCount} scores to {outFile.FullName}");
        }
        return ExitCodes.Ok;
    }
}
