using System.Numerics.Tensors;

namespace OpenLedger.Actors.Domain.Numerics;

/// <summary>
/// Dense Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite matrix, and solves with it.
/// The factor is stored row-major in the lower triangle; the upper triangle is left as zeros.
/// </summary>
public sealed class CholeskyFactorization
{
    private readonly double[] _lower;

    private CholeskyFactorization(double[] lower, int size)
    {
        _lower = lower;
        Size = size;
    }

    /// <summary>The order n of the factorised n×n matrix.</summary>
    public int Size { get; }

    /// <summary>Factorises the row-major n×n matrix <paramref name="matrix"/> (only its lower triangle is read).</summary>
    /// <exception cref="NotPositiveDefiniteException">The matrix is not (numerically) positive definite.</exception>
    public static CholeskyFactorization Factor(ReadOnlySpan<double> matrix, int n)
    {
        if (matrix.Length != (long)n * n) throw new ArgumentException($"Expected {n}×{n} values, got {matrix.Length}.", nameof(matrix));
        var l = new double[n * n];
        for (var i = 0; i < n; i++)
        {
            var rowI = l.AsSpan(i * n, n);
            for (var j = 0; j <= i; j++)
            {
                var rowJ = l.AsSpan(j * n, n);
                // sum_{k<j} L[i,k]·L[j,k]: both rows are contiguous, so this is one dot product.
                var sum = matrix[i * n + j] - TensorPrimitives.Dot(rowI[..j], rowJ[..j]);
                if (i == j)
                {
                    if (!(sum > 0) || !double.IsFinite(sum))
                        throw new NotPositiveDefiniteException(i, sum);
                    rowI[i] = Math.Sqrt(sum);
                }
                else
                {
                    rowI[j] = sum / rowJ[j];
                }
            }
        }
        return new CholeskyFactorization(l, n);
    }

    /// <summary>Solves A·x = b in place (b is overwritten with x).</summary>
    public void SolveInPlace(Span<double> b)
    {
        var n = Size;
        if (b.Length != n) throw new ArgumentException($"Expected {n} values, got {b.Length}.", nameof(b));
        // Forward substitution: L·y = b.
        for (var i = 0; i < n; i++)
        {
            var row = _lower.AsSpan(i * n, i);
            b[i] = (b[i] - TensorPrimitives.Dot(row, b[..i])) / _lower[i * n + i];
        }
        // Back substitution: Lᵀ·x = y (column access of L).
        for (var i = n - 1; i >= 0; i--)
        {
            var sum = b[i];
            for (var k = i + 1; k < n; k++) sum -= _lower[k * n + i] * b[k];
            b[i] = sum / _lower[i * n + i];
        }
    }

    /// <summary>Returns A⁻¹·b without changing <paramref name="b"/>.</summary>
    public double[] Solve(ReadOnlySpan<double> b)
    {
        var x = b.ToArray();
        SolveInPlace(x);
        return x;
    }
}

/// <summary>A Cholesky pivot was ≤ 0 or not finite: the matrix is not numerically positive definite.</summary>
public sealed class NotPositiveDefiniteException(int pivot, double value)
    : ArgumentException($"Matrix is not positive definite (pivot {pivot} = {value}).", "matrix")
{
    public int Pivot { get; } = pivot;
}
