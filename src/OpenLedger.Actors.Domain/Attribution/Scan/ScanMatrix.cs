namespace OpenLedger.Actors.Domain.Attribution.Scan;

/// <summary>
/// The training side of the influence scan in the layout <see cref="InfluenceScanKernel"/> streams: rows are
/// grouped in blocks of <see cref="InfluenceScanKernel.BlockRows"/>, and within a block the values are stored
/// feature-major, so one vector load reads feature k of 8 consecutive rows:
/// <c>design[(block·D + k)·16 + lane]</c>, <c>residuals[(block·C + c)·16 + lane]</c>. Values are float; the
/// last block is zero-padded (a zero residual scores 0). Memory: 4·(D + C) bytes per row, rounded up to 16 rows.
/// </summary>
public sealed class ScanMatrix
{
    private ScanMatrix(float[] design, float[] residuals, int rows, int width, int classes)
    {
        Design = design;
        Residuals = residuals;
        Rows = rows;
        Width = width;
        Classes = classes;
    }

    public int Rows { get; }
    public int Width { get; }
    public int Classes { get; }
    public int BlockCount => (Rows + InfluenceScanKernel.BlockRows - 1) / InfluenceScanKernel.BlockRows;

    /// <summary>Bytes held by the two arrays.</summary>
    public long Bytes => 4L * (Design.Length + Residuals.Length);

    internal float[] Design { get; }
    internal float[] Residuals { get; }

    /// <summary>Packs row-major <paramref name="design"/> (rows × width) and <paramref name="residuals"/> (rows × classes).</summary>
    public static ScanMatrix Pack(ReadOnlySpan<double> design, ReadOnlySpan<double> residuals, int rows, int width, int classes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (design.Length != (long)rows * width) throw new ArgumentException($"Expected {rows}×{width} design values, got {design.Length}.", nameof(design));
        if (residuals.Length != (long)rows * classes) throw new ArgumentException($"Expected {rows}×{classes} residuals, got {residuals.Length}.", nameof(residuals));
        const int lanes = InfluenceScanKernel.BlockRows;
        var blocks = (rows + lanes - 1) / lanes;
        var packedDesign = new float[(long)blocks * width * lanes];
        var packedResiduals = new float[(long)blocks * classes * lanes];
        for (var i = 0; i < rows; i++)
        {
            var block = i / lanes;
            var lane = i % lanes;
            var x = design.Slice(i * width, width);
            var baseDesign = (long)block * width * lanes + lane;
            for (var k = 0; k < width; k++) packedDesign[baseDesign + k * lanes] = (float)x[k];
            var r = residuals.Slice(i * classes, classes);
            var baseResidual = (long)block * classes * lanes + lane;
            for (var c = 0; c < classes; c++) packedResiduals[baseResidual + c * lanes] = (float)r[c];
        }
        return new ScanMatrix(packedDesign, packedResiduals, rows, width, classes);
    }

    /// <summary>Feature k of row i, as stored.</summary>
    public float DesignValue(int row, int k) =>
        Design[((long)(row / InfluenceScanKernel.BlockRows) * Width + k) * InfluenceScanKernel.BlockRows + row % InfluenceScanKernel.BlockRows];

    /// <summary>Residual c of row i, as stored.</summary>
    public float ResidualValue(int row, int c) =>
        Residuals[((long)(row / InfluenceScanKernel.BlockRows) * Classes + c) * InfluenceScanKernel.BlockRows + row % InfluenceScanKernel.BlockRows];
}
