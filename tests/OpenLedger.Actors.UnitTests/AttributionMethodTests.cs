using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Numerics;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests;

/// <summary>TracIn and representation similarity against their definitions, computed the long way.</summary>
public sealed class AttributionMethodTests
{
    [Fact]
    public void TracIn_is_the_step_weighted_sum_of_gradient_dot_products_over_the_checkpoints()
    {
        var (train, queries) = BundledData.Split(BundledData.Digits, 120, 3, seed: 6);
        var trained = LogisticRegressionTrainer.Train(train, new TrainerOptions { RecordCheckpoints = true });
        Assert.Equal(trained.Iterations, trained.Checkpoints.Count);
        Assert.All(trained.Checkpoints, c => Assert.InRange(c.StepLength, 1e-10, 1.0));
        Assert.All(trained.Checkpoints[0].Theta, v => Assert.Equal(0.0, v)); // the run starts at θ = 0
        var model = trained.Model;
        var tracIn = TracInIndex.Build(model, trained.Checkpoints, train);
        var newton = TracInIndex.Build(model, trained.Checkpoints, train, newtonSteps: true);
        var design = model.Standardizer.DesignMatrix(train.Features, train.RowCount);
        var objective = new LogisticRegressionObjective(design, train.Labels, model.DesignWidth, model.ClassCount, model.Lambda);

        for (var q = 0; q < queries.RowCount; q++)
        {
            var scores = new double[train.RowCount];
            var newtonScores = new double[train.RowCount];
            tracIn.ScoreAll(queries.Row(q), queries.Labels[q], scores);
            newton.ScoreAll(queries.Row(q), queries.Labels[q], newtonScores);
            var x = new double[model.DesignWidth];
            model.Standardizer.Transform(queries.Row(q), x);
            foreach (var i in new[] { 0, 17, 119 })
            {
                double expected = 0, expectedNewton = 0;
                foreach (var checkpoint in trained.Checkpoints)
                {
                    var gq = Gradient(checkpoint.Theta, x, queries.Labels[q], model.ClassCount);
                    var gi = Gradient(checkpoint.Theta, design.AsSpan(i * model.DesignWidth, model.DesignWidth).ToArray(), train.Labels[i], model.ClassCount);
                    expected += checkpoint.StepLength / train.RowCount * gq.Zip(gi, (a, b) => a * b).Sum();
                    var solved = CholeskyFactorization.Factor(objective.Hessian(checkpoint.Theta), objective.ParameterCount).Solve(gi);
                    expectedNewton += checkpoint.StepLength / train.RowCount * gq.Zip(solved, (a, b) => a * b).Sum();
                }
                Assert.Equal(expected, scores[i], 1e-10);
                Assert.Equal(expectedNewton, newtonScores[i], 1e-9);
            }
        }
    }

    [Fact]
    public void Representation_similarity_is_the_cosine_signed_by_label_agreement()
    {
        float[] embeddings = [1, 0, /**/ 0, 2, /**/ -3, 0, /**/ 0, 0];
        var index = new RepresentationSimilarityIndex(embeddings, 2, [0, 1, 0, 1]);
        var scores = new double[4];
        index.ScoreEmbedding([2, 2], label: 0, scores);
        var c = 1 / Math.Sqrt(2);
        Assert.Equal([c, -c, -c, 0], scores.Select(v => Math.Round(v, 6)).ToArray(), new ToleranceComparer(1e-6));
        Assert.Throws<ArgumentException>(() => index.ScoreEmbedding([1, 2, 3], 0, scores));
        Assert.Throws<ArgumentException>(() => index.ScoreEmbedding([float.NaN, 1], 0, scores));
        Assert.Throws<ArgumentException>(() => new RepresentationSimilarityIndex([1, float.PositiveInfinity], 2, [0]));
        Assert.Throws<InvalidOperationException>(() => index.ScoreAll([1.0, 2.0], 0, scores)); // no query embedder
    }

    /// <summary>∇ℓ = (p − e_y) ⊗ x for multinomial logistic regression.</summary>
    private static double[] Gradient(double[] theta, double[] x, int label, int classes)
    {
        var p = new double[classes];
        Softmax.Probabilities(theta, x, p);
        p[label] -= 1;
        return Enumerable.Range(0, classes).SelectMany(c => x.Select(v => p[c] * v)).ToArray();
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double a, double b) => Math.Abs(a - b) <= tolerance;
        public int GetHashCode(double value) => 0;
    }
}
