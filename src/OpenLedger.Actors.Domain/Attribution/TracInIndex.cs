using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// TracIn over training checkpoints (Pruthi et al., 2020): the loss decrease on query q that training on
/// row i caused, summed over the recorded steps k of the training run,
/// <c>score(i, q) = (1/N)·Σ_k η_k·∇ℓ(q, θ_k)·∇ℓ(i, θ_k)</c>, with η_k the step length the trainer took
/// from θ_k. It needs only per-example gradients at saved checkpoints, never a Hessian.
/// <para>
/// For multinomial logistic regression ∇ℓ(i, θ) = rᵢ(θ) ⊗ xᵢ, so the gradient dot product factorises:
/// ∇ℓ(q)·∇ℓ(i) = (r_q·rᵢ)·(x_q·xᵢ). The index keeps the design rows once and the residuals per
/// checkpoint; a query costs one dot product per row plus K·C multiply-adds per row.
/// </para>
/// <para>
/// The built-in trainer steps with Newton's method, θ_{k+1} = θ_k − η_k·H_k⁻¹·∇J. By default this index uses
/// the plain gradient dot product (identity preconditioner), as a model with an unreachable Hessian would
/// (the <c>tracin</c> method). With <c>newtonSteps: true</c> it uses the optimiser's actual update instead:
/// since ∇J = (1/N)·Σᵢ∇ℓ(i) + λθ, row i's share of step k is −(η_k/N)·H_k⁻¹∇ℓ(i, θ_k), whose first-order effect
/// on the query loss gives <c>score(i, q) = (1/N)·Σ_k η_k·∇ℓ(q, θ_k)ᵀ·H_k⁻¹·∇ℓ(i, θ_k)</c> (the
/// <c>tracin-newton</c> method: TracIn's idea applied to the steps that were really taken).
/// </para>
/// </summary>
public sealed class TracInIndex : IRowAttributionMethod
{
    private readonly Numerics.CholeskyFactorization[]? _stepHessians;

    private readonly LogisticRegressionModel _model;
    private readonly IReadOnlyList<TrainingCheckpoint> _checkpoints;
    private readonly double[] _design;      // N×D
    private readonly double[][] _residuals; // per checkpoint, N×C

    private TracInIndex(LogisticRegressionModel model, IReadOnlyList<TrainingCheckpoint> checkpoints, double[] design, double[][] residuals, int rowCount,
        Numerics.CholeskyFactorization[]? stepHessians)
    {
        _stepHessians = stepHessians;
        _model = model;
        _checkpoints = checkpoints;
        _design = design;
        _residuals = residuals;
        RowCount = rowCount;
    }

    public string Name => _stepHessians is null ? "tracin" : "tracin-newton";
    public int RowCount { get; }
    public int CheckpointCount => _checkpoints.Count;

    /// <summary>Builds the index from a training run recorded with <see cref="TrainerOptions.RecordCheckpoints"/>.</summary>
    public static TracInIndex Build(LogisticRegressionModel model, IReadOnlyList<TrainingCheckpoint> checkpoints, LabeledDataset training, bool newtonSteps = false)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(checkpoints);
        ArgumentNullException.ThrowIfNull(training);
        if (checkpoints.Count == 0) throw new ArgumentException("TracIn needs at least one checkpoint; train with RecordCheckpoints.", nameof(checkpoints));
        if (training.Dimension != model.Dimension || training.ClassCount != model.ClassCount)
            throw new ArgumentException("The training set does not match the model's schema.", nameof(training));
        var width = model.DesignWidth;
        var classes = model.ClassCount;
        var design = model.Standardizer.DesignMatrix(training.Features, training.RowCount);
        var residuals = new double[checkpoints.Count][];
        for (var k = 0; k < checkpoints.Count; k++)
        {
            if (checkpoints[k].Theta.Length != classes * width) throw new ArgumentException($"Checkpoint {k} does not match the model's shape.", nameof(checkpoints));
            var theta = checkpoints[k].Theta;
            var r = residuals[k] = new double[training.RowCount * classes];
            for (var i = 0; i < training.RowCount; i++)
            {
                var row = r.AsSpan(i * classes, classes);
                Softmax.Probabilities(theta, design.AsSpan(i * width, width), row);
                row[training.Labels[i]] -= 1.0;
            }
        }
        Numerics.CholeskyFactorization[]? hessians = null;
        if (newtonSteps)
        {
            var objective = new LogisticRegressionObjective(design, training.Labels, width, classes, model.Lambda);
            hessians = checkpoints.Select(c => Numerics.CholeskyFactorization.Factor(objective.Hessian(c.Theta), objective.ParameterCount)).ToArray();
        }
        return new TracInIndex(model, checkpoints, design, residuals, training.RowCount, hessians);
    }

    public void ScoreAll(ReadOnlySpan<double> features, int label, Span<double> scores)
    {
        var width = _model.DesignWidth;
        var classes = _model.ClassCount;
        if ((uint)label >= (uint)classes) throw new ArgumentOutOfRangeException(nameof(label), label, $"The label must be in [0, {classes}).");
        if (scores.Length < RowCount) throw new ArgumentException($"Room for {RowCount} scores is needed.", nameof(scores));
        var x = new double[width];
        _model.Standardizer.Transform(features, x);
        if (_stepHessians is not null)
        {
            ScoreNewtonSteps(x, label, scores);
            return;
        }
        // Per checkpoint: η_k·r_q(θ_k), so the per-row work is Σ_k (η_k r_q)·rᵢ.
        var weightedQueryResiduals = new double[_checkpoints.Count * classes];
        for (var k = 0; k < _checkpoints.Count; k++)
        {
            var rq = weightedQueryResiduals.AsSpan(k * classes, classes);
            Softmax.Probabilities(_checkpoints[k].Theta, x, rq);
            rq[label] -= 1.0;
            TensorPrimitives.Multiply(rq, _checkpoints[k].StepLength / RowCount, rq);
        }
        for (var i = 0; i < RowCount; i++)
        {
            double agreement = 0;
            for (var k = 0; k < _checkpoints.Count; k++)
                agreement += TensorPrimitives.Dot(weightedQueryResiduals.AsSpan(k * classes, classes), _residuals[k].AsSpan(i * classes, classes));
            scores[i] = agreement * TensorPrimitives.Dot(x, _design.AsSpan(i * width, width));
        }
    }

    private void ScoreNewtonSteps(double[] x, int label, Span<double> scores)
    {
        var width = _model.DesignWidth;
        var classes = _model.ClassCount;
        scores[..RowCount].Clear();
        var scan = new double[classes * width];
        var probabilities = new double[classes];
        for (var k = 0; k < _checkpoints.Count; k++)
        {
            // S = (η_k/N)·H_k⁻¹∇ℓ(q, θ_k), then score_i += Σ_c r_ic(θ_k)·(S_c·xᵢ), as in InfluenceIndex.
            Softmax.Probabilities(_checkpoints[k].Theta, x, probabilities);
            probabilities[label] -= 1.0;
            for (var c = 0; c < classes; c++) TensorPrimitives.Multiply(x, probabilities[c], scan.AsSpan(c * width, width));
            _stepHessians![k].SolveInPlace(scan);
            TensorPrimitives.Multiply(scan, _checkpoints[k].StepLength / RowCount, scan);
            var residuals = _residuals[k];
            for (var i = 0; i < RowCount; i++)
            {
                var row = _design.AsSpan(i * width, width);
                double score = 0;
                for (var c = 0; c < classes; c++) score += residuals[i * classes + c] * TensorPrimitives.Dot(scan.AsSpan(c * width, width), row);
                scores[i] += score;
            }
        }
    }
}
