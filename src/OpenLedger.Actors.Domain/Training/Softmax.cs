using System.Numerics.Tensors;

namespace OpenLedger.Actors.Domain.Training;

/// <summary>Softmax of a linear model θ (C×D, row-major) applied to one design row x (length D).</summary>
public static class Softmax
{
    /// <summary>Writes class probabilities into <paramref name="probabilities"/> and returns log Σ exp(z).</summary>
    public static double Probabilities(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, Span<double> probabilities)
    {
        var classes = probabilities.Length;
        var width = x.Length;
        for (var c = 0; c < classes; c++)
            probabilities[c] = TensorPrimitives.Dot(theta.Slice(c * width, width), x);
        var max = TensorPrimitives.Max(probabilities);
        double sum = 0;
        for (var c = 0; c < classes; c++)
        {
            var e = Math.Exp(probabilities[c] - max);
            probabilities[c] = e;
            sum += e;
        }
        for (var c = 0; c < classes; c++) probabilities[c] /= sum;
        return max + Math.Log(sum);
    }

    /// <summary>Cross-entropy −log p(label) computed stably from the logits.</summary>
    public static double CrossEntropy(ReadOnlySpan<double> theta, ReadOnlySpan<double> x, int label, Span<double> probabilities)
    {
        var logSumExp = Probabilities(theta, x, probabilities);
        var width = x.Length;
        return logSumExp - TensorPrimitives.Dot(theta.Slice(label * width, width), x);
    }

    public static int ArgMax(ReadOnlySpan<double> values) => TensorPrimitives.IndexOfMax(values);
}
