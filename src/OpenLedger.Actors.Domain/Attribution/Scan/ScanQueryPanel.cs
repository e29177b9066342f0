namespace OpenLedger.Actors.Domain.Attribution.Scan;

/// <summary>
/// A batch of B prepared queries' scan vectors (each C×D: S = (1/N)·H⁻¹∇ℓ(q)), packed for
/// <see cref="InfluenceScanKernel"/>: the B·C columns are cut into groups of
/// <see cref="InfluenceScanKernel.GroupColumns"/> (the last one zero-padded), each group stored feature-major,
/// <c>[group][k][column in group]</c>, so the kernel walks one group's values in order.
/// </summary>
public sealed class ScanQueryPanel
{
    public ScanQueryPanel(IReadOnlyList<double[]> scanVectors, int classes, int width)
    {
        ArgumentNullException.ThrowIfNull(scanVectors);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        if (scanVectors.Count == 0) throw new ArgumentException("At least one query is needed.", nameof(scanVectors));
        QueryCount = scanVectors.Count;
        Classes = classes;
        Width = width;
        const int group = InfluenceScanKernel.GroupColumns;
        GroupCount = (QueryCount * classes + group - 1) / group;
        Packed = new float[GroupCount * width * group];
        for (var b = 0; b < QueryCount; b++)
        {
            var s = scanVectors[b];
            if (s is null || s.Length != classes * width) throw new ArgumentException($"Query {b}: expected {classes}×{width} values.", nameof(scanVectors));
            for (var c = 0; c < classes; c++)
            {
                var column = b * classes + c;
                var g = column / group;
                var slot = column % group;
                for (var k = 0; k < width; k++) Packed[(g * width + k) * group + slot] = (float)s[c * width + k];
            }
        }
    }

    public int QueryCount { get; }
    public int Classes { get; }
    public int Width { get; }
    public int GroupCount { get; }

    /// <summary>Column count including the zero padding of the last group.</summary>
    public int PaddedColumns => GroupCount * InfluenceScanKernel.GroupColumns;

    internal float[] Packed { get; }
}
