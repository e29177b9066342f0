using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Self-influence of each training row, <c>(1/N)·∇ℓ(i)ᵀ·H⁻¹·∇ℓ(i)</c>: how much the row's own loss depends on the row
/// being in the training set. Rows the rest of the data contradicts — mislabelled or flipped labels above all — fit
/// poorly and pull the model towards themselves, so they rank at the top; curators screen with it. One Hessian solve
/// per row (reuses <see cref="InfluenceIndex.Prepare"/>).
/// </summary>
public static class SelfInfluence
{
    public static double[] Compute(InfluenceIndex index, LabeledDataset training)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(training);
        if (training.RowCount != index.RowCount) throw new ArgumentException("Pass the rows the index was built on.", nameof(training));
        var model = index.Model;
        var width = model.DesignWidth;
        var classes = model.ClassCount;
        var scores = new double[training.RowCount];
        Parallel.For(0, training.RowCount, () => new double[width], (i, _, x) =>
        {
            var label = training.Labels[i];
            var prepared = index.Prepare(training.Row(i), label); // S = (1/N)·H⁻¹∇ℓ(i)
            model.Standardizer.Transform(training.Row(i), x);
            double self = 0;
            for (var c = 0; c < classes; c++)
            {
                var residual = prepared.Probabilities[c] - (c == label ? 1.0 : 0.0);
                self += residual * TensorPrimitives.Dot(prepared.ScanVector.AsSpan(c * width, width), x);
            }
            scores[i] = self;
            return x;
        }, _ => { });
        return scores;
    }

    /// <summary>Row indices ordered by self-influence, highest first (ties by index).</summary>
    public static int[] Ranking(IReadOnlyList<double> scores) =>
        Enumerable.Range(0, scores.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).ToArray();
}
