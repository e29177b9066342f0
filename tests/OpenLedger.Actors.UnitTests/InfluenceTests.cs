using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Numerics;
using OpenLedger.Actors.Domain.Training;
using Xunit.Abstractions;

namespace OpenLedger.Actors.UnitTests;

public sealed class InfluenceTests(ITestOutputHelper output)
{
    /// <summary>
    /// The influence scores must rank training rows the way real leave-one-out retraining does:
    /// per query, Spearman(score(i, q), loss_{−i}(q) − loss(q)) over all rows, averaged over queries.
    /// </summary>
    [Theory]
    [InlineData("breast_cancer", 200, 0.01)]
    [InlineData("digits", 150, 0.01)]
    public void Scores_rank_rows_like_leave_one_out_retraining(string dataset, int trainCount, double lambda)
    {
        var data = dataset == "digits" ? BundledData.Digits : BundledData.BreastCancer;
        var (train, queries) = BundledData.Split(data, trainCount, testCount: 10, seed: 11);
        var model = LogisticRegressionTrainer.Train(train, new TrainerOptions { Lambda = lambda }).Model;
        var index = InfluenceIndex.Build(model, train);
        var oracle = new RetrainingOracle(model, train);

        var actual = new double[queries.RowCount][];
        for (var q = 0; q < queries.RowCount; q++) actual[q] = new double[train.RowCount];
        for (var i = 0; i < train.RowCount; i++)
        {
            var changes = oracle.LeaveOneOutLossChange(i, queries);
            for (var q = 0; q < queries.RowCount; q++) actual[q][i] = changes[q];
        }

        var correlations = new List<double>();
        for (var q = 0; q < queries.RowCount; q++)
        {
            var predicted = new double[train.RowCount];
            index.ScoreAll(index.Prepare(queries.Row(q), queries.Labels[q]), predicted);
            correlations.Add(RankCorrelation.Spearman(predicted, actual[q]));
        }
        var mean = correlations.Average();
        output.WriteLine($"{dataset}: N={train.RowCount}, λ={lambda}, mean Spearman vs leave-one-out = {mean:F4} (min {correlations.Min():F4})");
        Assert.True(mean >= 0.95, $"mean Spearman {mean:F4} (per query: {string.Join(", ", correlations.Select(c => c.ToString("F3")))})");
    }

    [Fact]
    public void Top_k_holds_the_highest_positive_scores_in_a_deterministic_order()
    {
        var (train, queries) = BundledData.Split(BundledData.Digits, 300, 5, seed: 2);
        var model = LogisticRegressionTrainer.Train(train, new TrainerOptions()).Model;
        var index = InfluenceIndex.Build(model, train);
        for (var q = 0; q < queries.RowCount; q++)
        {
            var all = new double[train.RowCount];
            index.ScoreAll(index.Prepare(queries.Row(q), queries.Labels[q]), all);
            var expected = all.Select((score, row) => new RowInfluence(row, score))
                .Where(r => r.Score > 0).OrderByDescending(r => r.Score).ThenBy(r => r.RowIndex).Take(10).ToList();

            var attribution = index.Attribute(queries.Row(q), queries.Labels[q], topK: 10);

            Assert.Equal(expected, attribution.TopInfluences);
            Assert.All(attribution.TopInfluences, r => Assert.True(r.Score > 0));
        }
    }

    [Fact]
    public void Without_a_label_the_loss_is_taken_against_the_prediction()
    {
        var model = LogisticRegressionTrainer.Train(BundledData.BreastCancer, new TrainerOptions()).Model;
        var index = InfluenceIndex.Build(model, BundledData.BreastCancer);
        var query = index.Prepare(BundledData.BreastCancer.Row(0));
        Assert.Equal(query.PredictedClass, query.LossLabel);
        Assert.Equal(1.0, query.Probabilities.Sum(), 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Prepare(BundledData.BreastCancer.Row(0), 2));
    }

    [Fact]
    public void Spearman_handles_ties_and_perfect_orders()
    {
        Assert.Equal(1.0, RankCorrelation.Spearman([1, 2, 3, 4], [10, 20, 30, 40]), 12);
        Assert.Equal(-1.0, RankCorrelation.Spearman([1, 2, 3, 4], [4, 3, 2, 1]), 12);
        Assert.Equal([1.5, 1.5, 3], RankCorrelation.Ranks([5, 5, 7]));
    }
}
