using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace OpenLedger.Actors.Domain.Attribution.Scan;

/// <summary>
/// The per-inference hot loop: for B queries at once, score(i, b) = Σ_c r_ic·(S_bc·xᵢ) over float rows. It
/// is a GEMM G = X·Sᵀ (rows × B·C) followed by a row-wise reduction of G with the residuals, computed block by
/// block so that G never leaves the cache:
/// <list type="bullet">
/// <item>the rows of a <see cref="ScanMatrix"/> block (16 rows, feature-major) sit in the lanes of two
/// vectors, so feature k of 16 rows is two contiguous loads and the matrix streams sequentially;</item>
/// <item>a register tile of 16 rows × <see cref="GroupColumns"/> query columns is accumulated with fused
/// multiply-adds: per feature, two row loads and one broadcast per column, each serving 16 rows;</item>
/// <item>the tile's column sums are reduced with the residuals (also 16 rows per vector) into the scores;</item>
/// <item>blocks are independent, so <see cref="ScoreParallel"/> spreads them over cores.</item>
/// </list>
/// Vector256 arithmetic is hardware-accelerated on AVX2/FMA (and Arm64 pairs of NEON registers) and emulated
/// (correct, slower) elsewhere. Accumulation is in float: the relative error against a double computation is
/// bounded by about D·2⁻²⁴ of the sum of absolute products, far below the spread of influence scores.
/// </summary>
public static class InfluenceScanKernel
{
    /// <summary>Rows per block: two 8-float vectors.</summary>
    public const int BlockRows = 16;

    /// <summary>Query columns per register tile (12 accumulators, so it fits 16 vector registers).</summary>
    public const int GroupColumns = 6;

    /// <summary>Blocks per parallel work item.</summary>
    public const int BlocksPerWorkItem = 64;

    /// <summary>Scores every row of <paramref name="matrix"/> against every query in <paramref name="panel"/>;
    /// <paramref name="scores"/> is B × rows, query-major.</summary>
    public static void Score(ScanMatrix matrix, ScanQueryPanel panel, Span<float> scores)
    {
        Check(matrix, panel, 0, matrix?.BlockCount ?? 0, scores.Length);
        var buffer = new float[BufferLength(matrix!, panel)];
        for (var block = 0; block < matrix!.BlockCount; block++) ScoreBlock(matrix, block, 0, matrix.Rows, panel, buffer, scores);
    }

    /// <summary>As <see cref="Score"/>, with blocks spread over up to <paramref name="maxDegreeOfParallelism"/> workers.</summary>
    public static void ScoreParallel(ScanMatrix matrix, ScanQueryPanel panel, float[] scores, int maxDegreeOfParallelism)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ScoreBlocksParallel(matrix, panel, 0, matrix.BlockCount, scores, maxDegreeOfParallelism);
    }

    /// <summary>
    /// Scores the rows of blocks [firstBlock, firstBlock + blockCount) — a chunk of the matrix, so a caller can
    /// bound its score buffer — into <paramref name="scores"/>, B × (the chunk's row count), query-major.
    /// </summary>
    public static void ScoreBlocksParallel(ScanMatrix matrix, ScanQueryPanel panel, int firstBlock, int blockCount, float[] scores, int maxDegreeOfParallelism)
    {
        Check(matrix, panel, firstBlock, blockCount, scores?.Length ?? 0);
        var firstRow = firstBlock * BlockRows;
        var stride = ChunkRows(matrix, firstBlock, blockCount);
        var items = (blockCount + BlocksPerWorkItem - 1) / BlocksPerWorkItem;
        if (maxDegreeOfParallelism <= 1 || items <= 1)
        {
            var buffer = new float[BufferLength(matrix, panel)];
            for (var block = firstBlock; block < firstBlock + blockCount; block++) ScoreBlock(matrix, block, firstRow, stride, panel, buffer, scores);
            return;
        }
        Parallel.For(0, items, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
            () => new float[BufferLength(matrix, panel)],
            (item, _, buffer) =>
            {
                var start = firstBlock + item * BlocksPerWorkItem;
                var end = Math.Min(firstBlock + blockCount, start + BlocksPerWorkItem);
                for (var block = start; block < end; block++) ScoreBlock(matrix, block, firstRow, stride, panel, buffer, scores);
                return buffer;
            },
            _ => { });
    }

    /// <summary>Rows held by blocks [firstBlock, firstBlock + blockCount) (the last block may be partial).</summary>
    public static int ChunkRows(ScanMatrix matrix, int firstBlock, int blockCount)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        return Math.Max(0, Math.Min(matrix.Rows, (firstBlock + blockCount) * BlockRows) - firstBlock * BlockRows);
    }

    private static void Check(ScanMatrix? matrix, ScanQueryPanel? panel, int firstBlock, int blockCount, int scoreLength)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(panel);
        if (panel.Width != matrix.Width || panel.Classes != matrix.Classes)
            throw new ArgumentException($"The queries are {panel.Classes}×{panel.Width} but the matrix is {matrix.Classes}×{matrix.Width}.", nameof(panel));
        if (firstBlock < 0 || blockCount < 0 || firstBlock + blockCount > matrix.BlockCount)
            throw new ArgumentOutOfRangeException(nameof(firstBlock), $"Blocks [{firstBlock}, {firstBlock + blockCount}) are outside [0, {matrix.BlockCount}).");
        var rows = ChunkRows(matrix, firstBlock, blockCount);
        if (scoreLength < (long)rows * panel.QueryCount)
            throw new ArgumentException($"Room for {panel.QueryCount}×{rows} scores is needed.", nameof(scoreLength));
    }

    /// <summary>Per-worker scratch: the tile sums, plus one widened block when the matrix is stored as half.</summary>
    private static int BufferLength(ScanMatrix matrix, ScanQueryPanel panel) =>
        panel.PaddedColumns * BlockRows + (matrix.HalfDesign is null ? 0 : matrix.Width * BlockRows);

    /// <summary>One block: every column group, then the residual reduction into scores[b·stride + row − firstRow].</summary>
    private static void ScoreBlock(ScanMatrix matrix, int block, int firstRow, int stride, ScanQueryPanel panel, float[] buffer, Span<float> scores)
    {
        var width = matrix.Width;
        ReadOnlySpan<float> x;
        if (matrix.HalfDesign is { } half)
        {
            // Widen the block once (TensorPrimitives: F16C where available); every column group then reads it as float from L1.
            var widened = buffer.AsSpan(panel.PaddedColumns * BlockRows, width * BlockRows);
            System.Numerics.Tensors.TensorPrimitives.ConvertToSingle(half.AsSpan(block * width * BlockRows, width * BlockRows), widened);
            x = widened;
        }
        else
        {
            x = matrix.Design.AsSpan(block * width * BlockRows, width * BlockRows);
        }
        for (var g = 0; g < panel.GroupCount; g++)
            Tile(x, width, panel.Packed.AsSpan(g * width * GroupColumns, width * GroupColumns), buffer.AsSpan(g * GroupColumns * BlockRows, GroupColumns * BlockRows));

        // score(rows, b) = Σ_c r_c(rows) ⊙ G_{b·C+c}(rows), 16 rows per two vectors.
        var classes = matrix.Classes;
        ref var r = ref MemoryMarshal.GetArrayDataReference(matrix.Residuals);
        var residualBase = (nuint)(block * classes * BlockRows);
        ref var gBase = ref MemoryMarshal.GetArrayDataReference(buffer);
        var first = block * BlockRows;
        var valid = Math.Min(BlockRows, matrix.Rows - first);
        Span<float> tail = stackalloc float[BlockRows];
        for (var b = 0; b < panel.QueryCount; b++)
        {
            Vector256<float> lo = default, hi = default;
            for (var c = 0; c < classes; c++)
            {
                var column = (nuint)((b * classes + c) * BlockRows);
                var residual = residualBase + (nuint)(c * BlockRows);
                lo = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r, residual), Vector256.LoadUnsafe(ref gBase, column), lo);
                hi = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref r, residual + 8), Vector256.LoadUnsafe(ref gBase, column + 8), hi);
            }
            var destination = scores.Slice(b * stride + first - firstRow, valid);
            if (valid == BlockRows)
            {
                lo.CopyTo(destination);
                hi.CopyTo(destination[8..]);
            }
            else
            {
                lo.CopyTo(tail);
                hi.CopyTo(tail[8..]);
                tail[..valid].CopyTo(destination);
            }
        }
    }

    /// <summary>16 rows × 6 columns: 12 accumulators; writes column j's 16 sums to output[j·16 …].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Tile(ReadOnlySpan<float> x, int width, ReadOnlySpan<float> group, Span<float> output)
    {
        ref var xs = ref MemoryMarshal.GetReference(x);
        ref var s = ref MemoryMarshal.GetReference(group);
        Vector256<float> a0 = default, a1 = default, b0 = default, b1 = default, c0 = default, c1 = default;
        Vector256<float> d0 = default, d1 = default, e0 = default, e1 = default, f0 = default, f1 = default;
        for (var k = 0; k < width; k++)
        {
            var lo = Vector256.LoadUnsafe(ref xs, (nuint)(k * BlockRows));
            var hi = Vector256.LoadUnsafe(ref xs, (nuint)(k * BlockRows + 8));
            ref var sk = ref Unsafe.Add(ref s, k * GroupColumns);
            var v = Vector256.Create(sk);
            a0 = Vector256.FusedMultiplyAdd(lo, v, a0); a1 = Vector256.FusedMultiplyAdd(hi, v, a1);
            v = Vector256.Create(Unsafe.Add(ref sk, 1));
            b0 = Vector256.FusedMultiplyAdd(lo, v, b0); b1 = Vector256.FusedMultiplyAdd(hi, v, b1);
            v = Vector256.Create(Unsafe.Add(ref sk, 2));
            c0 = Vector256.FusedMultiplyAdd(lo, v, c0); c1 = Vector256.FusedMultiplyAdd(hi, v, c1);
            v = Vector256.Create(Unsafe.Add(ref sk, 3));
            d0 = Vector256.FusedMultiplyAdd(lo, v, d0); d1 = Vector256.FusedMultiplyAdd(hi, v, d1);
            v = Vector256.Create(Unsafe.Add(ref sk, 4));
            e0 = Vector256.FusedMultiplyAdd(lo, v, e0); e1 = Vector256.FusedMultiplyAdd(hi, v, e1);
            v = Vector256.Create(Unsafe.Add(ref sk, 5));
            f0 = Vector256.FusedMultiplyAdd(lo, v, f0); f1 = Vector256.FusedMultiplyAdd(hi, v, f1);
        }
        ref var o = ref MemoryMarshal.GetReference(output);
        a0.StoreUnsafe(ref o, 0); a1.StoreUnsafe(ref o, 8);
        b0.StoreUnsafe(ref o, 16); b1.StoreUnsafe(ref o, 24);
        c0.StoreUnsafe(ref o, 32); c1.StoreUnsafe(ref o, 40);
        d0.StoreUnsafe(ref o, 48); d1.StoreUnsafe(ref o, 56);
        e0.StoreUnsafe(ref o, 64); e1.StoreUnsafe(ref o, 72);
        f0.StoreUnsafe(ref o, 80); f1.StoreUnsafe(ref o, 88);
    }
}
