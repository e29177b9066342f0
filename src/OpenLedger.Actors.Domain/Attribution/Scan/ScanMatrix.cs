namespace OpenLedger.Actors.Domain.Attribution.Scan;

/// <summary>
/// The training side of the influence scan in the layout <see cref="InfluenceScanKernel"/> streams: rows are
/// grouped in blocks of <see cref="InfluenceScanKernel.BlockRows"/>, and within a block the values are stored
/// feature-major, so one vector load reads feature k of 8 consecutive rows:
/// <c>design[(block·D + k)·16 + lane]</c>, <c>residuals[(block·C + c)·16 + lane]</c>. Values are float; the
/// last block is zero-padded (a zero residual scores 0). Memory: 4·(D + C) bytes per row, rounded up to 16 rows.
/// <para>
/// With <see cref="ScanPrecision.Half"/> the design values are stored as IEEE half (2 bytes; residuals stay
/// float): 2·D + 4·C bytes per row. Each value then carries a relative rounding error ≤ 2⁻¹¹ (absolute ≤ 2⁻²⁵
/// below 2⁻¹⁴), so a score's error is bounded by about 2⁻¹¹·Σ_c |r_c|·Σ_k |S_ck·x_k| plus the float
/// accumulation error. Standardised features cannot overflow half: a z-score (population standard
/// deviation) never exceeds √(N − 1), below half's maximum 65504 for any N under 4·10⁹.
/// </para>
/// </summary>
public sealed class ScanMatrix
{
    private ScanMatrix(float[] design, Half[]? halfDesign, float[] residuals, int rows, int width, int classes)
    {
        HalfDesign = halfDesign;
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

    public ScanPrecision Precision => HalfDesign is null ? ScanPrecision.Single : ScanPrecision.Half;

    /// <summary>Bytes held by the design values and the residuals.</summary>
    public long Bytes => (HalfDesign is null ? 4L * Design.Length : 2L * HalfDesign.Length) + 4L * Residuals.Length;

    /// <summary>The design values as float (empty when stored as half).</summary>
    internal float[] Design { get; }

    /// <summary>The design values as half, or null when stored as float.</summary>
    internal Half[]? HalfDesign { get; }
    internal float[] Residuals { get; }

    /// <summary>Packs row-major <paramref name="design"/> (rows × width) and <paramref name="residuals"/> (rows × classes).</summary>
    public static ScanMatrix Pack(ReadOnlySpan<double> design, ReadOnlySpan<double> residuals, int rows, int width, int classes,
        ScanPrecision precision = ScanPrecision.Single)
    {
        if (!Enum.IsDefined(precision)) throw new ArgumentOutOfRangeException(nameof(precision));
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (design.Length != (long)rows * width) throw new ArgumentException($"Expected {rows}×{width} design values, got {design.Length}.", nameof(design));
        if (residuals.Length != (long)rows * classes) throw new ArgumentException($"Expected {rows}×{classes} residuals, got {residuals.Length}.", nameof(residuals));
        const int lanes = InfluenceScanKernel.BlockRows;
        var blocks = (rows + lanes - 1) / lanes;
        var half = precision == ScanPrecision.Half;
        var packedDesign = half ? [] : new float[(long)blocks * width * lanes];
        var halfDesign = half ? new Half[(long)blocks * width * lanes] : null;
        var packedResiduals = new float[(long)blocks * classes * lanes];
        for (var i = 0; i < rows; i++)
        {
            var block = i / lanes;
            var lane = i % lanes;
            var x = design.Slice(i * width, width);
            var baseDesign = (long)block * width * lanes + lane;
            if (halfDesign is not null)
            {
                for (var k = 0; k < width; k++) halfDesign[baseDesign + k * lanes] = (Half)x[k];
            }
            else
            {
                for (var k = 0; k < width; k++) packedDesign[baseDesign + k * lanes] = (float)x[k];
            }
            var r = residuals.Slice(i * classes, classes);
            var baseResidual = (long)block * classes * lanes + lane;
            for (var c = 0; c < classes; c++) packedResiduals[baseResidual + c * lanes] = (float)r[c];
        }
        return new ScanMatrix(packedDesign, halfDesign, packedResiduals, rows, width, classes);
    }

    /// <summary>
    /// Rebuilds a matrix from values already in the blocked layout (as <see cref="DesignValues"/>,
    /// <see cref="HalfDesignValues"/> and <see cref="ResidualValues"/> expose them), e.g. read back from storage;
    /// the arrays are kept, not copied. Exactly one of <paramref name="design"/> and <paramref name="halfDesign"/> holds values.
    /// </summary>
    public static ScanMatrix FromBlocked(float[]? design, Half[]? halfDesign, float[] residuals, int rows, int width, int classes)
    {
        ArgumentNullException.ThrowIfNull(residuals);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        const int lanes = InfluenceScanKernel.BlockRows;
        var blocks = (long)(rows + lanes - 1) / lanes;
        if ((design is null) == (halfDesign is null))
            throw new ArgumentException("Exactly one of the float and half design arrays must be given.", nameof(design));
        var designLength = design?.LongLength ?? halfDesign!.LongLength;
        if (designLength != blocks * width * lanes) throw new ArgumentException($"Expected {blocks * width * lanes} blocked design values, got {designLength}.", nameof(design));
        if (residuals.LongLength != blocks * classes * lanes) throw new ArgumentException($"Expected {blocks * classes * lanes} blocked residuals, got {residuals.LongLength}.", nameof(residuals));
        return new ScanMatrix(design ?? [], halfDesign, residuals, rows, width, classes);
    }

    /// <summary>The design values in the blocked layout (empty when stored as half).</summary>
    public ReadOnlySpan<float> DesignValues => Design;

    /// <summary>The design values in the blocked layout when stored as half, else empty.</summary>
    public ReadOnlySpan<Half> HalfDesignValues => HalfDesign;

    /// <summary>The residuals in the blocked layout.</summary>
    public ReadOnlySpan<float> ResidualValues => Residuals;

    /// <summary>Feature k of row i, as stored.</summary>
    public float DesignValue(int row, int k)
    {
        var at = ((long)(row / InfluenceScanKernel.BlockRows) * Width + k) * InfluenceScanKernel.BlockRows + row % InfluenceScanKernel.BlockRows;
        return HalfDesign is null ? Design[at] : (float)HalfDesign[at];
    }

    /// <summary>Residual c of row i, as stored.</summary>
    public float ResidualValue(int row, int c) =>
        Residuals[((long)(row / InfluenceScanKernel.BlockRows) * Classes + c) * InfluenceScanKernel.BlockRows + row % InfluenceScanKernel.BlockRows];
}
