using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Ground truth for attribution: retrains the model with some rows' weights set to zero (same
/// standardisation, λ and 1/N as the full model) and reports how query losses change. Warm-started from
/// the full model's θ and solved far tighter than training so that the tiny loss changes of single-row
/// removals are not swamped by solver error.
/// </summary>
public sealed class RetrainingOracle
{
    private readonly LogisticRegressionModel _model;
    private readonly LabeledDataset _training;
    private readonly double[] _design;

    public RetrainingOracle(LogisticRegressionModel model, LabeledDataset training)
    {
        _model = model;
        _training = training;
        _design = model.Standardizer.DesignMatrix(training.Features, training.RowCount);
    }

    public double GradientTolerance { get; init; } = 1e-11;

    /// <summary>θ retrained with the given row weights (1 keeps a row, 0 removes it).</summary>
    public LogisticRegressionModel Retrain(double[] rowWeights)
    {
        var objective = new LogisticRegressionObjective(_design, _training.Labels, _model.DesignWidth, _model.ClassCount, _model.Lambda, rowWeights);
        var solved = NewtonSolver.Minimize(objective, GradientTolerance, maxIterations: 50, start: _model.Theta);
        return new LogisticRegressionModel(_model.Standardizer, solved.Theta, _model.ClassCount, _model.Lambda);
    }

    /// <summary>For each query: loss(without row) − loss(full model).</summary>
    public double[] LeaveOneOutLossChange(int rowIndex, LabeledDataset queries)
    {
        var weights = Enumerable.Repeat(1.0, _training.RowCount).ToArray();
        weights[rowIndex] = 0;
        var retrained = Retrain(weights);
        var changes = new double[queries.RowCount];
        for (var q = 0; q < queries.RowCount; q++)
            changes[q] = retrained.Loss(queries.Row(q), queries.Labels[q]) - _model.Loss(queries.Row(q), queries.Labels[q]);
        return changes;
    }
}
