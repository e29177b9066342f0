using System.Numerics.Tensors;

namespace OpenLedger.Actors.Domain.Training;

/// <summary>
/// The trainer's objective J(θ) = (1/N)·Σᵢ wᵢ·CE(xᵢ, yᵢ; θ) + (λ/2)·‖θ‖² for multinomial logistic
/// regression on a design matrix X (N×D, standardised features plus bias). θ is C×D row-major and λ
/// applies to every parameter, bias included. Row weights default to 1; a weight of 0 removes a row
/// while keeping the 1/N of the full set (leave-one-out and subset retraining use that).
/// </summary>
public sealed class LogisticRegressionObjective
{
    private readonly double[] _design;
    private readonly int[] _labels;
    private readonly double[]? _rowWeights;

    public LogisticRegressionObjective(double[] design, int[] labels, int width, int classCount, double lambda, double[]? rowWeights = null)
    {
        if (design.Length != labels.Length * width) throw new ArgumentException("Design matrix and labels disagree in row count.");
        if (!(lambda > 0) || !double.IsFinite(lambda)) throw new ArgumentOutOfRangeException(nameof(lambda), "λ must be a positive finite number.");
        if (rowWeights is not null && rowWeights.Length != labels.Length) throw new ArgumentException("One weight per row is required.", nameof(rowWeights));
        if (rowWeights is not null && rowWeights.Any(w => !double.IsFinite(w) || w < 0))
            throw new ArgumentException("Row weights must be finite and non-negative.", nameof(rowWeights));
        _design = design;
        _labels = labels;
        _rowWeights = rowWeights;
        Width = width;
        ClassCount = classCount;
        Lambda = lambda;
    }

    public int RowCount => _labels.Length;
    public int Width { get; }
    public int ClassCount { get; }
    public int ParameterCount => Width * ClassCount;
    public double Lambda { get; }

    private double Weight(int row) => _rowWeights?[row] ?? 1.0;

    private ReadOnlySpan<double> Row(int row) => _design.AsSpan(row * Width, Width);

    public double Value(ReadOnlySpan<double> theta)
    {
        Span<double> p = stackalloc double[ClassCount];
        double loss = 0;
        for (var i = 0; i < RowCount; i++)
        {
            var w = Weight(i);
            if (w == 0) continue;
            loss += w * Softmax.CrossEntropy(theta, Row(i), _labels[i], p);
        }
        return loss / RowCount + 0.5 * Lambda * TensorPrimitives.Dot(theta, theta);
    }

    /// <summary>Returns J(θ) and writes ∇J(θ) into <paramref name="gradient"/>.</summary>
    public double ValueAndGradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        gradient.Clear();
        Span<double> p = stackalloc double[ClassCount];
        double loss = 0;
        for (var i = 0; i < RowCount; i++)
        {
            var w = Weight(i);
            if (w == 0) continue;
            var x = Row(i);
            var label = _labels[i];
            loss += w * Softmax.CrossEntropy(theta, x, label, p);
            p[label] -= 1.0; // residual r = p − e_y
            for (var c = 0; c < ClassCount; c++)
            {
                var g = gradient.Slice(c * Width, Width);
                TensorPrimitives.MultiplyAdd(x, w * p[c], g, g);
            }
        }
        var inverseN = 1.0 / RowCount;
        TensorPrimitives.Multiply(gradient, inverseN, gradient);
        TensorPrimitives.MultiplyAdd(theta, Lambda, gradient, gradient);
        return loss * inverseN + 0.5 * Lambda * TensorPrimitives.Dot(theta, theta);
    }

    /// <summary>
    /// The Hessian (1/N)·Σᵢ wᵢ·(diag(pᵢ) − pᵢpᵢᵀ) ⊗ xᵢxᵢᵀ + λI as a row-major P×P matrix (P = C·D).
    /// Each class pair's D×D block is accumulated contiguously from the row's outer product xxᵀ.
    /// </summary>
    public double[] Hessian(ReadOnlySpan<double> theta)
    {
        var c = ClassCount;
        var d = Width;
        var blockSize = d * d;
        var pairCount = c * (c + 1) / 2;
        var blocks = new double[pairCount * blockSize];
        var outer = new double[blockSize];
        Span<double> p = stackalloc double[c];
        for (var i = 0; i < RowCount; i++)
        {
            var w = Weight(i);
            if (w == 0) continue;
            var x = Row(i);
            Softmax.Probabilities(theta, x, p);
            for (var k = 0; k < d; k++) TensorPrimitives.Multiply(x, x[k], outer.AsSpan(k * d, d));
            var pair = 0;
            for (var a = 0; a < c; a++)
            {
                for (var b = a; b < c; b++, pair++)
                {
                    var coefficient = w * ((a == b ? p[a] : 0.0) - p[a] * p[b]);
                    var block = blocks.AsSpan(pair * blockSize, blockSize);
                    TensorPrimitives.MultiplyAdd(outer, coefficient, block, block);
                }
            }
        }
        var size = ParameterCount;
        var hessian = new double[size * size];
        var inverseN = 1.0 / RowCount;
        var pairIndex = 0;
        for (var a = 0; a < c; a++)
        {
            for (var b = a; b < c; b++, pairIndex++)
            {
                var block = blocks.AsSpan(pairIndex * blockSize, blockSize);
                for (var k = 0; k < d; k++)
                {
                    for (var l = 0; l < d; l++)
                    {
                        var value = block[k * d + l] * inverseN;
                        hessian[(a * d + k) * size + b * d + l] = value;
                        hessian[(b * d + l) * size + a * d + k] = value;
                    }
                }
            }
        }
        for (var j = 0; j < size; j++) hessian[j * size + j] += Lambda;
        return hessian;
    }
}
