namespace OpenLedger.Actors.Domain.Training;

/// <summary>
/// z-scores features with the training mean and population standard deviation, and appends a bias
/// column of 1. A feature whose standard deviation is (numerically) zero maps to 0.
/// </summary>
public sealed class FeatureStandardizer
{
    public FeatureStandardizer(double[] mean, double[] scale)
    {
        if (mean.Length != scale.Length) throw new ArgumentException("Mean and scale must have the same length.");
        Mean = mean;
        Scale = scale;
    }

    /// <summary>Training mean of each raw feature.</summary>
    public double[] Mean { get; }

    /// <summary>Population standard deviation of each raw feature; 0 marks a constant feature.</summary>
    public double[] Scale { get; }

    /// <summary>Raw feature count d.</summary>
    public int Dimension => Mean.Length;

    /// <summary>Standardised width D = d + 1 (the bias column is last).</summary>
    public int DesignWidth => Mean.Length + 1;

    public static FeatureStandardizer Fit(ReadOnlySpan<double> features, int rowCount, int dimension)
    {
        if (rowCount <= 0) throw new ArgumentException("At least one row is needed to standardise.");
        var mean = new double[dimension];
        var scale = new double[dimension];
        for (var i = 0; i < rowCount; i++)
        {
            var row = features.Slice(i * dimension, dimension);
            for (var k = 0; k < dimension; k++) mean[k] += row[k];
        }
        for (var k = 0; k < dimension; k++) mean[k] /= rowCount;
        for (var i = 0; i < rowCount; i++)
        {
            var row = features.Slice(i * dimension, dimension);
            for (var k = 0; k < dimension; k++)
            {
                var delta = row[k] - mean[k];
                scale[k] += delta * delta;
            }
        }
        for (var k = 0; k < dimension; k++)
        {
            var std = Math.Sqrt(scale[k] / rowCount);
            // A constant column can leave rounding residue in its variance; treat that as zero.
            scale[k] = std <= 1e-12 * Math.Max(1.0, Math.Abs(mean[k])) ? 0.0 : std;
        }
        return new FeatureStandardizer(mean, scale);
    }

    /// <summary>Writes the standardised row plus the bias column into <paramref name="destination"/>.</summary>
    public void Transform(ReadOnlySpan<double> raw, Span<double> destination)
    {
        if (raw.Length != Dimension) throw new ArgumentException($"Expected {Dimension} features, got {raw.Length}.", nameof(raw));
        if (destination.Length != DesignWidth) throw new ArgumentException($"Destination must hold {DesignWidth} values.", nameof(destination));
        for (var k = 0; k < Dimension; k++)
            destination[k] = Scale[k] == 0.0 ? 0.0 : (raw[k] - Mean[k]) / Scale[k];
        destination[Dimension] = 1.0;
    }

    /// <summary>The N×D design matrix (standardised features and bias) of a row-major feature matrix.</summary>
    public double[] DesignMatrix(ReadOnlySpan<double> features, int rowCount)
    {
        var width = DesignWidth;
        var design = new double[rowCount * width];
        for (var i = 0; i < rowCount; i++)
            Transform(features.Slice(i * Dimension, Dimension), design.AsSpan(i * width, width));
        return design;
    }
}
