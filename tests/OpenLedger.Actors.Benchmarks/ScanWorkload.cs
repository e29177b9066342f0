using System.Numerics.Tensors;
using OpenLedger.Actors.Domain.Attribution.Scan;

namespace OpenLedger.Actors.Benchmarks;

/// <summary>
/// Synthetic data of the influence scan's shape: N design rows of width D (float), N×C residuals, and B
/// queries' scan vectors S (C×D each), all drawn from a seeded generator.
/// </summary>
internal sealed class ScanWorkload
{
    public ScanWorkload(int rows, int width, int classes, int queries, int seed = 7)
    {
        Rows = rows;
        Width = width;
        Classes = classes;
        var random = new Random(seed);
        Design = new float[rows * width];
        for (var i = 0; i < Design.Length; i++) Design[i] = (float)(random.NextDouble() * 2 - 1);
        Residuals = new float[rows * classes];
        for (var i = 0; i < Residuals.Length; i++) Residuals[i] = (float)(random.NextDouble() * 2 - 1);
        ScanVectors = Enumerable.Range(0, queries).Select(_ => Enumerable.Range(0, classes * width).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        Panel = new ScanQueryPanel(ScanVectors, classes, width);
        var designDoubles = Array.ConvertAll(Design, v => (double)v);
        var residualDoubles = Array.ConvertAll(Residuals, v => (double)v);
        Matrix = ScanMatrix.Pack(designDoubles, residualDoubles, rows, width, classes);
        HalfMatrix = ScanMatrix.Pack(designDoubles, residualDoubles, rows, width, classes, ScanPrecision.Half);
        Scores = new float[queries * rows];
    }

    public int Rows { get; }
    public int Width { get; }
    public int Classes { get; }
    public float[] Design { get; }
    public float[] Residuals { get; }
    public double[][] ScanVectors { get; }
    public ScanQueryPanel Panel { get; }

    /// <summary>The same rows in the kernel's blocked layout.</summary>
    public ScanMatrix Matrix { get; }

    /// <summary>The same rows stored as half.</summary>
    public ScanMatrix HalfMatrix { get; }
    public float[] Scores { get; }

    /// <summary>The project's kernel, all cores.</summary>
    public void RunKernel() => InfluenceScanKernel.ScoreParallel(Matrix, Panel, Scores, Environment.ProcessorCount);

    /// <summary>The kernel on half storage, all cores.</summary>
    public void RunHalfKernel() => InfluenceScanKernel.ScoreParallel(HalfMatrix, Panel, Scores, Environment.ProcessorCount);

    /// <summary>The plain baseline: per row and class one TensorPrimitives.Dot, one core, query by query.</summary>
    public void RunDotLoop()
    {
        var s = ScanVectors.Select(v => v.Select(x => (float)x).ToArray()).ToArray();
        for (var b = 0; b < s.Length; b++)
        {
            for (var i = 0; i < Rows; i++)
            {
                var x = Design.AsSpan(i * Width, Width);
                float score = 0;
                for (var c = 0; c < Classes; c++) score += Residuals[i * Classes + c] * TensorPrimitives.Dot(s[b].AsSpan(c * Width, Width), x);
                Scores[b * Rows + i] = score;
            }
        }
    }

    /// <summary>Largest |kernel − double reference| relative to the largest |reference| over a sample of rows.</summary>
    public double MaxRelativeError(bool half = false, int sampleRows = 200)
    {
        if (half) RunHalfKernel();
        else RunKernel();
        double maxError = 0, maxValue = 0;
        for (var b = 0; b < ScanVectors.Length; b++)
        {
            for (var i = 0; i < Rows; i += Math.Max(1, Rows / sampleRows))
            {
                double reference = 0;
                for (var c = 0; c < Classes; c++)
                {
                    double dot = 0;
                    for (var k = 0; k < Width; k++) dot += ScanVectors[b][c * Width + k] * Design[i * Width + k];
                    reference += Residuals[i * Classes + c] * dot;
                }
                maxError = Math.Max(maxError, Math.Abs(Scores[b * Rows + i] - reference));
                maxValue = Math.Max(maxValue, Math.Abs(reference));
            }
        }
        return maxError / maxValue;
    }
}
