using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Numerics;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Exact influence functions for the built-in trainer's model:
/// <c>score(i, q) = (1/N)·∇ℓ(q)ᵀ·H⁻¹·∇ℓ(i)</c>, with H the Hessian of the full regularised objective at
/// the trained θ — the first-order estimate of how much the query's loss would rise if row i were
/// removed and the model retrained (same λ and 1/N).
/// <para>
/// For multinomial logistic regression ∇ℓ(i) = rᵢ ⊗ xᵢ with the residual rᵢ = pᵢ − e(yᵢ). H is factorised
/// once when the index is built. A query costs one solve s = H⁻¹∇ℓ(q) (reshaped to S, C×D), and then a
/// scan over the rows: score(i, q) = (1/N)·Σ_c rᵢ,c·(S_c · xᵢ) — C dot products of length D per row.
/// </para>
/// </summary>
public sealed class InfluenceIndex : IRowAttributionMethod
{
    public const string MethodName = "exact-influence";

    private readonly double[] _design;     // N×D standardised training rows with bias
    private readonly double[] _residuals;  // N×C, pᵢ − e(yᵢ) at the trained θ
    private readonly CholeskyFactorization _hessian;

    private InfluenceIndex(LogisticRegressionModel model, double[] design, double[] residuals, CholeskyFactorization hessian, int rowCount)
    {
        Model = model;
        _design = design;
        _residuals = residuals;
        _hessian = hessian;
        RowCount = rowCount;
    }

    public string Name => MethodName;
    public LogisticRegressionModel Model { get; }
    public int RowCount { get; }

    /// <summary>Builds the index for a model and the exact rows (in order) it was trained on.</summary>
    public static InfluenceIndex Build(LogisticRegressionModel model, LabeledDataset training)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        if (training.Dimension != model.Dimension || training.ClassCount != model.ClassCount)
            throw new ArgumentException("The training set does not match the model's schema.", nameof(training));
        var width = model.DesignWidth;
        var classes = model.ClassCount;
        var design = model.Standardizer.DesignMatrix(training.Features, training.RowCount);
        var residuals = new double[training.RowCount * classes];
        for (var i = 0; i < training.RowCount; i++)
        {
            var r = residuals.AsSpan(i * classes, classes);
            Softmax.Probabilities(model.Theta, design.AsSpan(i * width, width), r);
            r[training.Labels[i]] -= 1.0;
        }
        var objective = new LogisticRegressionObjective(design, training.Labels, width, classes, model.Lambda);
        var hessian = CholeskyFactorization.Factor(objective.Hessian(model.Theta), objective.ParameterCount);
        return new InfluenceIndex(model, design, residuals, hessian, training.RowCount);
    }

    /// <summary>
    /// Prepares a query: its prediction, the label its loss is taken against, and the scan vector
    /// S = (1/N)·H⁻¹∇ℓ(q) (C×D).
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

    /// <summary>Writes the influence of every training row on the query into <paramref name="scores"/>.</summary>
    public void ScoreAll(PreparedQuery query, Span<double> scores) => ScoreRange(query, 0, RowCount, scores);

    /// <summary>Scores every row against a query with the loss taken against <paramref name="label"/>.</summary>
    public void ScoreAll(ReadOnlySpan<double> features, int label, Span<double> scores) => ScoreAll(Prepare(features, label), scores);

    /// <summary>Scores rows [start, start + scores.Length).</summary>
    public void ScoreRange(PreparedQuery query, int start, int count, Span<double> scores)
    {
        if (start < 0 || count < 0 || start + count > RowCount || scores.Length < count)
            throw new ArgumentOutOfRangeException(nameof(start));
        var width = Model.DesignWidth;
        var classes = Model.ClassCount;
        ReadOnlySpan<double> scan = query.ScanVector;
        for (var i = 0; i < count; i++)
        {
            var row = start + i;
            var x = _design.AsSpan(row * width, width);
            var r = _residuals.AsSpan(row * classes, classes);
            double score = 0;
            for (var c = 0; c < classes; c++)
            {
                if (r[c] != 0.0) score += r[c] * TensorPrimitives.Dot(scan.Slice(c * width, width), x);
            }
            scores[i] = score;
        }
    }

    /// <summary>Prediction plus the top-k training rows by positive influence.</summary>
    public QueryAttribution Attribute(ReadOnlySpan<double> features, int? label, int topK)
    {
        var query = Prepare(features, label);
        var selector = new TopKSelector(topK);
        const int chunk = 4096;
        var buffer = new double[Math.Min(chunk, Math.Max(1, RowCount))];
        for (var start = 0; start < RowCount; start += chunk)
        {
            var count = Math.Min(chunk, RowCount - start);
            ScoreRange(query, start, count, buffer);
            for (var i = 0; i < count; i++) selector.Offer(start + i, buffer[i]);
        }
        return new QueryAttribution(query.Probabilities, query.PredictedClass, query.LossLabel, query.Loss, selector.ToSortedList());
    }
}

