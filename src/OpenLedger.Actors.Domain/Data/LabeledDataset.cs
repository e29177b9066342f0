namespace OpenLedger.Actors.Domain.Data;

/// <summary>
/// A dense, labelled, row-major feature matrix: <see cref="RowCount"/> rows of <see cref="Dimension"/>
/// features each, and one integer class label per row in [0, <see cref="ClassCount"/>).
/// </summary>
public sealed class LabeledDataset
{
    public LabeledDataset(double[] features, int[] labels, int dimension, int classCount, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        if (dimension <= 0) throw new ArgumentOutOfRangeException(nameof(dimension), "Dimension must be positive.");
        if (classCount < 2) throw new ArgumentOutOfRangeException(nameof(classCount), "At least two classes are needed.");
        if (features.Length != labels.Length * dimension)
            throw new ArgumentException($"Expected {labels.Length}×{dimension} feature values, got {features.Length}.", nameof(features));
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classCount)
                throw new ArgumentException($"Row {i}: label {labels[i]} is outside [0, {classCount}).", nameof(labels));
        }
        Features = features;
        Labels = labels;
        Dimension = dimension;
        ClassCount = classCount;
        FeatureNames = featureNames ?? Enumerable.Range(0, dimension).Select(i => $"f{i}").ToArray();
    }

    public double[] Features { get; }
    public int[] Labels { get; }
    public int Dimension { get; }
    public int ClassCount { get; }
    public int RowCount => Labels.Length;
    public IReadOnlyList<string> FeatureNames { get; }

    public ReadOnlySpan<double> Row(int index) => Features.AsSpan(index * Dimension, Dimension);

    /// <summary>A new dataset holding the given rows, in the given order.</summary>
    public LabeledDataset Subset(IReadOnlyList<int> rowIndices)
    {
        var features = new double[rowIndices.Count * Dimension];
        var labels = new int[rowIndices.Count];
        for (var i = 0; i < rowIndices.Count; i++)
        {
            Row(rowIndices[i]).CopyTo(features.AsSpan(i * Dimension, Dimension));
            labels[i] = Labels[rowIndices[i]];
        }
        return new LabeledDataset(features, labels, Dimension, ClassCount, FeatureNames);
    }
}
