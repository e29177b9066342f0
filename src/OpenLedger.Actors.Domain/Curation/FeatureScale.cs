using System.Numerics.Tensors;

namespace OpenLedger.Actors.Domain.Curation;

/// <summary>
/// Per-feature centre and inverse spread used to compare rows: z = (x − mean) · invStd. Without it, cosine similarity on
/// raw tabular features is decided by the largest-valued feature (e.g. an area in the hundreds beside ratios below 1),
/// and unrelated rows look identical. A feature with no spread is centred and left unscaled.
/// </summary>
public sealed class FeatureScale
{
    private readonly float[] _mean;
    private readonly float[] _invStd;

    private FeatureScale(float[] mean, float[] invStd)
    {
        _mean = mean;
        _invStd = invStd;
    }

    public int Dimension => _mean.Length;

    /// <summary>No scaling (centre 0, spread 1).</summary>
    public static FeatureScale Identity(int dimension) => new(new float[dimension], Enumerable.Repeat(1f, dimension).ToArray());

    /// <summary>Mean and standard deviation of each feature over <paramref name="rows"/> (row-major, <paramref name="dimension"/> wide).</summary>
    public static FeatureScale Estimate(ReadOnlySpan<float> rows, int dimension)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimension, 1);
        var count = rows.Length / dimension;
        if (count < 2) return Identity(dimension);
        var sum = new double[dimension];
        var sumOfSquares = new double[dimension];
        for (var r = 0; r < count; r++)
        {
            var row = rows.Slice(r * dimension, dimension);
            for (var j = 0; j < dimension; j++)
            {
                sum[j] += row[j];
                sumOfSquares[j] += (double)row[j] * row[j];
            }
        }
        var mean = new float[dimension];
        var invStd = new float[dimension];
        for (var j = 0; j < dimension; j++)
        {
            var m = sum[j] / count;
            var variance = Math.Max(0, sumOfSquares[j] / count - m * m);
            var std = Math.Sqrt(variance);
            mean[j] = (float)m;
            invStd[j] = std > 1e-12 * Math.Max(1, Math.Abs(m)) ? (float)(1 / std) : 1f;
        }
        return new FeatureScale(mean, invStd);
    }

    /// <summary>Writes the scaled row.</summary>
    public void Apply(ReadOnlySpan<float> row, Span<float> scaled)
    {
        TensorPrimitives.Subtract(row, _mean, scaled);
        TensorPrimitives.Multiply(scaled, _invStd, scaled);
    }
}
