using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Attribution.Scan;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Numerics;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// An exact influence index cut into row shards: one <see cref="InfluenceQuerySolver"/> (the Hessian over all
/// rows) and the rows in consecutive <see cref="InfluenceShard"/>s of at most <c>rowsPerShard</c> rows (rounded
/// up to whole 16-row blocks). One shard is the unsharded <see cref="InfluenceIndex"/>; any cut gives the same
/// scores bit for bit, because the Hessian is built from all rows in training order and every row is scored
/// on its own.
/// <para>
/// With row weights wᵢ (the weighted objective (1/N)·Σ wᵢ·ℓᵢ + (λ/2)·‖θ‖² of a layered manifest) the Hessian is the
/// weighted one and removing row i removes wᵢ·ℓᵢ/N, so its influence is wᵢ times the unweighted form: the stored
/// residual is scaled by wᵢ. Null weights are 1 everywhere, bit for bit.
/// </para>
/// </summary>
public sealed record InfluenceShardSet(InfluenceQuerySolver Solver, IReadOnlyList<InfluenceShard> Shards)
{
    public int RowCount => Solver.RowCount;

    /// <summary>Builds the solver and the shards for a model and the exact rows (in order) it was trained on.</summary>
    /// <param name="rowsPerShard">The most rows one shard holds (rounded up to a multiple of 16).</param>
    /// <param name="precision">How the rows are stored (see <see cref="ScanMatrix"/>).</param>
    /// <param name="rowWeights">The weights the model was trained with (one per row), or null for 1 everywhere.</param>
    public static InfluenceShardSet Build(LogisticRegressionModel model, LabeledDataset training, int rowsPerShard,
        ScanPrecision precision = ScanPrecision.Single, int? maxDegreeOfParallelism = null, double[]? rowWeights = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(training);
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerShard, 1);
        if (training.Dimension != model.Dimension || training.ClassCount != model.ClassCount)
            throw new ArgumentException("The training set does not match the model's schema.", nameof(training));
        var width = model.DesignWidth;
        var classes = model.ClassCount;
        var rows = training.RowCount;
        var design = model.Standardizer.DesignMatrix(training.Features, rows);
        var residuals = new double[(long)rows * classes];
        for (var i = 0; i < rows; i++)
        {
            var r = residuals.AsSpan(i * classes, classes);
            Softmax.Probabilities(model.Theta, design.AsSpan(i * width, width), r);
            r[training.Labels[i]] -= 1.0;
            if (rowWeights is not null) TensorPrimitives.Multiply(r, rowWeights[i], r);
        }
        var objective = new LogisticRegressionObjective(design, training.Labels, width, classes, model.Lambda, rowWeights);
        var hessian = CholeskyFactorization.Factor(objective.Hessian(model.Theta), objective.ParameterCount);

        var shardRows = (int)Math.Min(int.MaxValue - InfluenceScanKernel.BlockRows,
            ((long)rowsPerShard + InfluenceScanKernel.BlockRows - 1) / InfluenceScanKernel.BlockRows * InfluenceScanKernel.BlockRows);
        var degree = maxDegreeOfParallelism ?? Environment.ProcessorCount;
        var shards = new List<InfluenceShard>();
        for (var first = 0; first < rows || shards.Count == 0; first += shardRows)
        {
            var count = Math.Min(shardRows, rows - first);
            var matrix = ScanMatrix.Pack(design.AsSpan(first * width, count * width), residuals.AsSpan(first * classes, count * classes),
                count, width, classes, precision);
            shards.Add(new InfluenceShard(first, matrix) { MaxDegreeOfParallelism = degree });
        }
        return new InfluenceShardSet(new InfluenceQuerySolver(model, hessian, rows), shards);
    }
}
