using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Numerics;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// The query side of exact influence: the model and the factorised Hessian of its full regularised objective
/// over all N training rows. It turns a query into its prediction and its scan vector
/// S = (1/N)·H⁻¹∇ℓ(q); the rows themselves live elsewhere (<see cref="InfluenceShard"/>), so one solver serves
/// every shard of an index. Memory: the P×P factor (P = C·(D + 1)), independent of N.
/// </summary>
public sealed class InfluenceQuerySolver
{
    private readonly CholeskyFactorization _hessian;

    internal InfluenceQuerySolver(LogisticRegressionModel model, CholeskyFactorization hessian, int rowCount)
    {
        Model = model;
        _hessian = hessian;
        RowCount = rowCount;
    }

    public LogisticRegressionModel Model { get; }

    /// <summary>N, the training rows the Hessian was built on (all shards together).</summary>
    public int RowCount { get; }

    /// <summary>
    /// Prepares a query: its prediction, the label its loss is taken against (the given one, else the
    /// prediction), its loss, and the scan vector S = (1/N)·H⁻¹∇ℓ(q) (C×D).
    /// </summary>
    public PreparedQuery Prepare(ReadOnlySpan<double> features, int? label = null)
    {
        var width = Model.DesignWidth;
        var classes = Model.ClassCount;
        if (label is { } given && (uint)given >= (uint)classes)
            throw new ArgumentOutOfRangeException(nameof(label), given, $"The label must be in [0, {classes}).");
        var x = new double[width];
        Model.Standardizer.Transform(features, x);
        var probabilities = new double[classes];
        var logSumExp = Softmax.Probabilities(Model.Theta, x, probabilities);
        var predicted = Softmax.ArgMax(probabilities);
        var lossLabel = label ?? predicted;
        var loss = logSumExp - TensorPrimitives.Dot(Model.Theta.AsSpan(lossLabel * width, width), x);
        var scan = new double[classes * width];
        for (var c = 0; c < classes; c++)
        {
            var residual = probabilities[c] - (c == lossLabel ? 1.0 : 0.0);
            TensorPrimitives.Multiply(x, residual, scan.AsSpan(c * width, width));
        }
        _hessian.SolveInPlace(scan);
        TensorPrimitives.Multiply(scan, 1.0 / RowCount, scan);
        return new PreparedQuery(probabilities, predicted, lossLabel, loss, scan);
    }
}
