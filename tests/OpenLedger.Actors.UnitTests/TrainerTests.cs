using OpenLedger.Actors.Domain.Training;
using Xunit.Abstractions;

namespace OpenLedger.Actors.UnitTests;

public sealed class TrainerTests(ITestOutputHelper output)
{
    public static TheoryData<string> Datasets => new() { "digits", "breast_cancer" };

    private static Domain.Data.LabeledDataset Get(string name) => name == "digits" ? BundledData.Digits : BundledData.BreastCancer;

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Converges_to_the_gradient_tolerance_with_sensible_held_out_accuracy(string name)
    {
        var (train, test) = BundledData.Split(Get(name), trainCount: Get(name).RowCount * 3 / 4, testCount: Get(name).RowCount / 4, seed: 7);

        var result = LogisticRegressionTrainer.Train(train, new TrainerOptions { Lambda = 0.01 });
        var (_, testAccuracy) = LogisticRegressionTrainer.Evaluate(result.Model, test);

        output.WriteLine($"{name}: iterations={result.Iterations}, ‖∇J‖={result.GradientNorm:E2}, train acc={result.Accuracy:F4}, held-out acc={testAccuracy:F4}");
        Assert.True(result.GradientNorm <= 1e-6, $"‖∇J‖ = {result.GradientNorm}");
        Assert.True(result.Accuracy >= 0.95, $"training accuracy {result.Accuracy}");
        Assert.True(testAccuracy >= 0.90, $"held-out accuracy {testAccuracy}");
    }

    [Fact]
    public void Gradient_is_zero_at_the_solution_when_checked_independently()
    {
        var data = BundledData.BreastCancer;
        var result = LogisticRegressionTrainer.Train(data, new TrainerOptions { Lambda = 0.05 });
        var model = result.Model;
        var design = model.Standardizer.DesignMatrix(data.Features, data.RowCount);
        var objective = new LogisticRegressionObjective(design, data.Labels, model.DesignWidth, model.ClassCount, model.Lambda);

        // Finite differences of J around θ* agree with a zero gradient.
        var theta = (double[])model.Theta.Clone();
        const double h = 1e-5;
        for (var j = 0; j < theta.Length; j += 7)
        {
            var saved = theta[j];
            theta[j] = saved + h;
            var up = objective.Value(theta);
            theta[j] = saved - h;
            var down = objective.Value(theta);
            theta[j] = saved;
            Assert.True(Math.Abs((up - down) / (2 * h)) < 1e-5, $"∂J/∂θ[{j}] = {(up - down) / (2 * h)}");
        }
    }

    [Fact]
    public void Training_is_deterministic()
    {
        var first = LogisticRegressionTrainer.Train(BundledData.Digits, new TrainerOptions());
        var second = LogisticRegressionTrainer.Train(BundledData.Digits, new TrainerOptions());
        Assert.Equal(first.Model.Theta, second.Model.Theta);
        Assert.Equal(first.Objective, second.Objective);
    }

    [Fact]
    public void Constant_features_standardise_to_zero()
    {
        var standardizer = FeatureStandardizer.Fit([0.1, 5, 0.1, 7, 0.1, 9], rowCount: 3, dimension: 2);
        var x = new double[3];
        standardizer.Transform([0.1, 7], x);
        Assert.Equal(0.0, x[0]);
        Assert.Equal(0.0, x[1], 12);
        Assert.Equal(1.0, x[2]);
        Assert.Equal(Math.Sqrt(8.0 / 3.0), standardizer.Scale[1], 12);
    }

    [Fact]
    public void Hessian_matches_finite_differences_of_the_gradient()
    {
        var (train, _) = BundledData.Split(BundledData.Digits, 60, 0, seed: 3);
        var standardizer = FeatureStandardizer.Fit(train.Features, train.RowCount, train.Dimension);
        var design = standardizer.DesignMatrix(train.Features, train.RowCount);
        var objective = new LogisticRegressionObjective(design, train.Labels, standardizer.DesignWidth, train.ClassCount, 0.1);
        var rng = new Random(5);
        var theta = Enumerable.Range(0, objective.ParameterCount).Select(_ => rng.NextDouble() * 0.2 - 0.1).ToArray();
        var hessian = objective.Hessian(theta);
        var p = objective.ParameterCount;
        var gPlus = new double[p];
        var gMinus = new double[p];
        const double h = 1e-6;
        foreach (var j in new[] { 0, 64, 65, 300, p - 1 })
        {
            var saved = theta[j];
            theta[j] = saved + h;
            objective.ValueAndGradient(theta, gPlus);
            theta[j] = saved - h;
            objective.ValueAndGradient(theta, gMinus);
            theta[j] = saved;
            for (var i = 0; i < p; i++)
                Assert.True(Math.Abs((gPlus[i] - gMinus[i]) / (2 * h) - hessian[i * p + j]) < 1e-6, $"H[{i},{j}]");
        }
    }
}
