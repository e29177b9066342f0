using System.Diagnostics;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Numerics;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution.Evaluation;

/// <summary>
/// Measures attribution quality against real retraining, for the exact influence functions and the
/// methods that serve models without a reachable Hessian (TracIn, representation similarity), on the
/// same retrainings:
/// <list type="bullet">
/// <item><b>Linear datamodeling score</b> (LDS, Park et al., 2023): M models retrained on random subsets
/// keeping a fraction α of the rows; per query, the Spearman correlation over the subsets between the
/// predicted loss change (the summed scores of the rows the subset removed) and the actual loss change;
/// averaged over queries.</item>
/// <item><b>Leave-one-out correlation</b>: per query, the Spearman correlation over a seeded sample of rows
/// between each row's score and the actual loss change when only that row is removed; averaged.</item>
/// </list>
/// Deterministic for a given seed: retrainings run in parallel but each writes only its own slot.
/// </summary>
public static class AttributionEvaluator
{
    public static EvaluationReport Evaluate(LabeledDataset training, LabeledDataset queries, EvaluationOptions options, IProgress<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(queries);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        if (queries.Dimension != training.Dimension)
            throw new ArgumentException($"The queries have {queries.Dimension} features but the training set has {training.Dimension}.", nameof(queries));
        if (queries.ClassCount != training.ClassCount)
            throw new ArgumentException("The queries and the training set must declare the same class count.", nameof(queries));
        if (training.RowCount < 4) throw new ArgumentException("At least 4 training rows are needed.", nameof(training));
        var started = Stopwatch.GetTimestamp();

        var full = LogisticRegressionTrainer.Train(training, new TrainerOptions { Lambda = options.Lambda, RecordCheckpoints = true });
        var model = full.Model;
        var methods = new List<IRowAttributionMethod> { InfluenceIndex.Build(model, training, precision: options.Storage) };
        if (options.IncludeTracIn)
        {
            methods.Add(TracInIndex.Build(model, full.Checkpoints, training));
            methods.Add(TracInIndex.Build(model, full.Checkpoints, training, newtonSteps: true));
        }
        if (options.IncludeRepresentationSimilarity) methods.Add(RepresentationSimilarityIndex.ForLinearModel(model, training));
        progress?.Report($"trained on {training.RowCount} rows ({full.Iterations} Newton steps, accuracy {full.Accuracy:P1}); scoring {queries.RowCount} queries with {methods.Count} methods");

        // scores[method][query][row]
        var scores = methods.Select(m => Enumerable.Range(0, queries.RowCount).Select(q =>
        {
            var row = new double[training.RowCount];
            m.ScoreAll(queries.Row(q), queries.Labels[q], row);
            return row;
        }).ToArray()).ToArray();
        var fullLoss = Enumerable.Range(0, queries.RowCount).Select(q => model.Loss(queries.Row(q), queries.Labels[q])).ToArray();

        var subsets = RandomSubsets.Draw(training.RowCount, options.Alpha, options.SubsetCount, options.Seed);
        var actual = new double[subsets.Length][];
        var oracle = new RetrainingOracle(model, training) { GradientTolerance = 1e-10 };
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        var done = 0;
        Parallel.For(0, subsets.Length, parallel, j =>
        {
            var retrained = Retrain(training, subsets[j], options, oracle);
            actual[j] = Enumerable.Range(0, queries.RowCount).Select(q => retrained.Loss(queries.Row(q), queries.Labels[q]) - fullLoss[q]).ToArray();
            var finished = Interlocked.Increment(ref done);
            if (finished % 10 == 0 || finished == subsets.Length) progress?.Report($"subset retrainings: {finished}/{subsets.Length}");
        });

        var looRows = options.LeaveOneOutRows == 0 ? [] : RandomSubsets.Sample(training.RowCount, options.LeaveOneOutRows, options.Seed + 1);
        var looChange = new double[looRows.Length][]; // [sampled row][query]
        done = 0;
        Parallel.For(0, looRows.Length, parallel, k =>
        {
            looChange[k] = oracle.LeaveOneOutLossChange(looRows[k], queries);
            var finished = Interlocked.Increment(ref done);
            if (finished % 10 == 0 || finished == looRows.Length) progress?.Report($"leave-one-out retrainings: {finished}/{looRows.Length}");
        });

        var qualities = new List<MethodQuality>();
        for (var m = 0; m < methods.Count; m++)
        {
            var predicted = new double[subsets.Length][];
            for (var j = 0; j < subsets.Length; j++)
            {
                predicted[j] = new double[queries.RowCount];
                for (var q = 0; q < queries.RowCount; q++)
                {
                    double removed = 0;
                    var rowScores = scores[m][q];
                    for (var i = 0; i < training.RowCount; i++)
                    {
                        if (!subsets[j][i]) removed += rowScores[i];
                    }
                    predicted[j][q] = removed;
                }
            }
            var lds = Enumerable.Range(0, queries.RowCount)
                .Select(q => RankCorrelation.Spearman(Column(predicted, q), Column(actual, q))).ToArray();
            var loo = looRows.Length == 0 ? [] : Enumerable.Range(0, queries.RowCount)
                .Select(q => RankCorrelation.Spearman(looRows.Select(i => scores[m][q][i]).ToArray(), Column(looChange, q))).ToArray();
            qualities.Add(new MethodQuality(methods[m].Name, lds.Average(), lds, loo.Length == 0 ? null : loo.Average(), loo, predicted));
        }

        return new EvaluationReport(options, training.RowCount, queries.RowCount, training.Dimension, training.ClassCount,
            subsets[0].Count(kept => kept), full.Accuracy, full.Iterations, fullLoss, actual, looRows, qualities, Stopwatch.GetElapsedTime(started));
    }

    private static LogisticRegressionModel Retrain(LabeledDataset training, bool[] kept, EvaluationOptions options, RetrainingOracle oracle)
    {
        if (options.Retraining == RetrainingMode.ZeroWeight)
            return oracle.Retrain(kept.Select(k => k ? 1.0 : 0.0).ToArray());
        var rows = Enumerable.Range(0, training.RowCount).Where(i => kept[i]).ToArray();
        return LogisticRegressionTrainer.Train(training.Subset(rows), new TrainerOptions { Lambda = options.Lambda }).Model;
    }

    private static double[] Column(double[][] matrix, int column) => matrix.Select(row => row[column]).ToArray();
}
