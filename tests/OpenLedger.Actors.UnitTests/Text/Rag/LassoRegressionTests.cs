using OpenLedger.Actors.Domain.Numerics;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

public sealed class LassoRegressionTests
{
    private static (List<double[]> Rows, List<double> Targets) Linear(int seed, int m, double[] beta, double intercept, double noise)
    {
        var random = new Random(seed);
        var rows = new List<double[]>();
        var targets = new List<double>();
        for (var i = 0; i < m; i++)
        {
            var x = beta.Select((_, j) => j % 2 == 0 ? random.Next(2) : 10 * random.NextDouble() - 3).ToArray();
            rows.Add(x);
            targets.Add(intercept + x.Zip(beta, (a, b) => a * b).Sum() + noise * (random.NextDouble() - 0.5));
        }
        return (rows, targets);
    }

    [Fact]
    public void Without_penalty_it_recovers_exact_linear_coefficients()
    {
        double[] beta = [3.0, -2.0, 0.0, 0.5, 7.25];
        var (rows, targets) = Linear(16_401, 80, beta, intercept: -4.0, noise: 0);
        var fit = LassoRegression.Fit(rows, targets, alpha: 0, tolerance: 1e-13);
        Assert.True(fit.Converged);
        for (var j = 0; j < beta.Length; j++) Assert.Equal(beta[j], fit.Coefficients[j], 8);
        Assert.Equal(-4.0, fit.Intercept, 8);
        Assert.Equal(targets[3], fit.Predict(rows[3]), 8);
    }

    [Fact]
    public void The_penalty_shrinks_and_zeroes_coefficients_and_matches_the_soft_threshold()
    {
        double[] beta = [3.0, 0.0, 0.0, 1.0];
        var (rows, targets) = Linear(16_402, 200, beta, intercept: 1.0, noise: 0.2);
        var alphaMax = LassoRegression.SmallestAlphaForEmptyModel(rows, targets);
        var empty = LassoRegression.Fit(rows, targets, alphaMax * 1.0001);
        Assert.All(empty.Coefficients, c => Assert.Equal(0, c));
        Assert.Equal(targets.Average(), empty.Intercept, 12);
        var justBelow = LassoRegression.Fit(rows, targets, alphaMax * 0.99);
        Assert.Equal(1, justBelow.Coefficients.Count(c => c != 0));

        var light = LassoRegression.Fit(rows, targets, 0.05);
        var ols = LassoRegression.Fit(rows, targets, 0);
        Assert.True(Math.Abs(light.Coefficients[0]) < Math.Abs(ols.Coefficients[0]));
        Assert.True(Math.Abs(light.Coefficients[1]) <= Math.Abs(ols.Coefficients[1]));

        // One standardised feature: the solution is the soft-thresholded correlation, in closed form.
        var single = rows.Select(r => new[] { r[0] }).ToList();
        var mean = single.Average(r => r[0]);
        var sd = Math.Sqrt(single.Average(r => (r[0] - mean) * (r[0] - mean)));
        var yMean = targets.Average();
        var rho = single.Select((r, i) => (r[0] - mean) / sd * (targets[i] - yMean)).Average();
        var expected = (rho - 0.3) / sd;
        Assert.Equal(expected, LassoRegression.Fit(single, targets, 0.3).Coefficients[0], 10);
    }

    [Fact]
    public void Scaling_a_feature_scales_its_coefficient_inversely_and_constants_get_zero()
    {
        double[] beta = [2.0, -1.0, 0.5];
        var (rows, targets) = Linear(16_403, 60, beta, 0, noise: 0.5);
        var fit = LassoRegression.Fit(rows, targets, 0.1, tolerance: 1e-13);
        var scaled = rows.Select(r => new[] { r[0] * 1000, r[1], r[2], 4.0 }).ToList();
        var scaledFit = LassoRegression.Fit(scaled, targets, 0.1, tolerance: 1e-13);
        Assert.Equal(fit.Coefficients[0] / 1000, scaledFit.Coefficients[0], 10);
        Assert.Equal(fit.Coefficients[1], scaledFit.Coefficients[1], 8);
        Assert.Equal(0, scaledFit.Coefficients[3]);
        // Deterministic: bit for bit the same on a second run.
        Assert.Equal(fit.Coefficients, LassoRegression.Fit(rows, targets, 0.1, tolerance: 1e-13).Coefficients);
    }
}
