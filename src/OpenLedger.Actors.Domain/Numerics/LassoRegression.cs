namespace OpenLedger.Actors.Domain.Numerics;

/// <summary>A fitted sparse linear model ŷ = intercept + Σⱼ coefficientⱼ · xⱼ (original units), and how the fit ended.</summary>
public sealed record LassoFit(double Intercept, double[] Coefficients, int Sweeps, bool Converged)
{
    public double Predict(ReadOnlySpan<double> x)
    {
        if (x.Length != Coefficients.Length) throw new ArgumentException($"Expected {Coefficients.Length} features.", nameof(x));
        var y = Intercept;
        for (var j = 0; j < x.Length; j++) y += Coefficients[j] * x[j];
        return y;
    }
}

/// <summary>
/// The LASSO by cyclic coordinate descent (Friedman, Hastie and Tibshirani, 2010) on standardised features:
/// minimises (1 / 2m) · ‖y − ȳ − Z β‖² + α · ‖β‖₁ where Z's columns are the features centred and divided by their
/// (population) standard deviation, so α treats every feature alike whatever its scale; a constant feature gets
/// coefficient 0. Coordinates are updated in index order, β_j ← S(ρ_j, α) with S the soft threshold and
/// ρ_j = (1/m) Σᵢ zᵢⱼ (rᵢ + zᵢⱼ β_j), keeping the residual r up to date; sweeps stop when no coefficient moved by more
/// than <c>tolerance</c> × sd(y), or after <c>maxSweeps</c>. Deterministic: a fixed order of every sum and update.
/// The result is reported in the features' original units (β_j / sd_j, intercept ȳ − Σ β_j x̄_j). α = 0 gives least
/// squares (when the columns are independent).
/// </summary>
public static class LassoRegression
{
    public static LassoFit Fit(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets, double alpha, int maxSweeps = 10_000, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Count != targets.Count) throw new ArgumentException("One target per row.", nameof(targets));
        if (rows.Count == 0) throw new ArgumentException("At least one row is needed.", nameof(rows));
        if (!double.IsFinite(alpha) || alpha < 0) throw new ArgumentOutOfRangeException(nameof(alpha), alpha, "α must be finite and ≥ 0.");
        ArgumentOutOfRangeException.ThrowIfLessThan(maxSweeps, 1);
        var m = rows.Count;
        var p = rows[0].Length;
        foreach (var row in rows)
        {
            if (row.Length != p) throw new ArgumentException("Every row needs the same number of features.", nameof(rows));
            foreach (var v in row) if (!double.IsFinite(v)) throw new ArgumentException("Features must be finite.", nameof(rows));
        }
        foreach (var t in targets) if (!double.IsFinite(t)) throw new ArgumentException("Targets must be finite.", nameof(targets));

        var means = new double[p];
        var deviations = new double[p];
        for (var j = 0; j < p; j++)
        {
            double sum = 0;
            for (var i = 0; i < m; i++) sum += rows[i][j];
            means[j] = sum / m;
            double squares = 0;
            for (var i = 0; i < m; i++)
            {
                var d = rows[i][j] - means[j];
                squares += d * d;
            }
            deviations[j] = Math.Sqrt(squares / m);
        }
        // Column-major standardised features (constant columns stay zero and are skipped).
        var z = new double[p * m];
        for (var j = 0; j < p; j++)
        {
            if (deviations[j] == 0) continue;
            for (var i = 0; i < m; i++) z[j * m + i] = (rows[i][j] - means[j]) / deviations[j];
        }
        double yMean = 0;
        for (var i = 0; i < m; i++) yMean += targets[i];
        yMean /= m;
        var residual = new double[m];
        double ySquares = 0;
        for (var i = 0; i < m; i++)
        {
            residual[i] = targets[i] - yMean;
            ySquares += residual[i] * residual[i];
        }
        var threshold = tolerance * Math.Sqrt(ySquares / m);

        var beta = new double[p];
        var sweeps = 0;
        var converged = false;
        while (sweeps < maxSweeps && !converged)
        {
            sweeps++;
            var largestStep = 0.0;
            for (var j = 0; j < p; j++)
            {
                if (deviations[j] == 0) continue;
                var column = z.AsSpan(j * m, m);
                double rho = 0;
                for (var i = 0; i < m; i++) rho += column[i] * residual[i];
                rho = rho / m + beta[j]; // (1/m) Σ z² = 1 for a standardised column
                var updated = SoftThreshold(rho, alpha);
                var step = updated - beta[j];
                if (step == 0) continue;
                for (var i = 0; i < m; i++) residual[i] -= step * column[i];
                beta[j] = updated;
                largestStep = Math.Max(largestStep, Math.Abs(step));
            }
            converged = largestStep <= threshold;
        }

        var coefficients = new double[p];
        var intercept = yMean;
        for (var j = 0; j < p; j++)
        {
            if (deviations[j] == 0) continue;
            coefficients[j] = beta[j] / deviations[j];
            intercept -= coefficients[j] * means[j];
        }
        return new LassoFit(intercept, coefficients, sweeps, converged);
    }

    /// <summary>The smallest α at which every coefficient is 0: max_j |(1/m) Σᵢ zᵢⱼ (yᵢ − ȳ)|.</summary>
    public static double SmallestAlphaForEmptyModel(IReadOnlyList<double[]> rows, IReadOnlyList<double> targets)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(targets);
        if (rows.Count == 0 || rows.Count != targets.Count) throw new ArgumentException("One target per row, at least one row.", nameof(targets));
        var m = rows.Count;
        var p = rows[0].Length;
        double yMean = targets.Average();
        var largest = 0.0;
        for (var j = 0; j < p; j++)
        {
            double mean = 0;
            for (var i = 0; i < m; i++) mean += rows[i][j];
            mean /= m;
            double squares = 0, dot = 0;
            for (var i = 0; i < m; i++)
            {
                var d = rows[i][j] - mean;
                squares += d * d;
                dot += d * (targets[i] - yMean);
            }
            if (squares == 0) continue;
            largest = Math.Max(largest, Math.Abs(dot / m / Math.Sqrt(squares / m)));
        }
        return largest;
    }

    private static double SoftThreshold(double value, double alpha) =>
        value > alpha ? value - alpha : value < -alpha ? value + alpha : 0;
}
