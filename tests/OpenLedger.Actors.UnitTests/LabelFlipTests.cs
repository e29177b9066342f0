using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;
using Xunit.Abstractions;

namespace OpenLedger.Actors.UnitTests;

/// <summary>
/// Rows with flipped labels must not be paid for: on clean queries their influence is low or negative, and their
/// self-influence ranks them at the top, so a curator can find them. Checked on bundled data with a known, seeded
/// 10 % of training labels flipped to another class.
/// </summary>
public sealed class LabelFlipTests(ITestOutputHelper output)
{
    public static TheoryData<string> Datasets => new() { "digits", "breast_cancer" };

    [Theory]
    [MemberData(nameof(Datasets))]
    public void Flipped_rows_rank_top_by_self_influence_and_earn_nothing_on_clean_queries(string name)
    {
        var data = name == "digits" ? BundledData.Digits : BundledData.BreastCancer;
        var trainingRows = data.RowCount * 2 / 3;
        var (training, flipped) = FlipLabels(data.Subset(Enumerable.Range(0, trainingRows).ToArray()), fraction: 0.10, seed: 11);
        var queries = data.Subset(Enumerable.Range(trainingRows, data.RowCount - trainingRows).ToArray());

        var model = LogisticRegressionTrainer.Train(training, new TrainerOptions { Lambda = 0.01 }).Model;
        var index = InfluenceIndex.Build(model, training);

        var ranking = SelfInfluence.Ranking(SelfInfluence.Compute(index, training));
        var top = ranking.Take(trainingRows / 10).ToHashSet();
        var foundInTop = flipped.Count(top.Contains) / (double)flipped.Count;

        // Mean influence per (row, clean query), loss taken against each query's true label.
        double flippedSum = 0, cleanSum = 0;
        var scores = new double[training.RowCount];
        for (var q = 0; q < queries.RowCount; q++)
        {
            index.ScoreAll(queries.Row(q), queries.Labels[q], scores);
            for (var i = 0; i < scores.Length; i++)
            {
                if (flipped.Contains(i)) flippedSum += scores[i];
                else cleanSum += scores[i];
            }
        }
        var flippedMean = flippedSum / (flipped.Count * (double)queries.RowCount);
        var cleanMean = cleanSum / ((training.RowCount - flipped.Count) * (double)queries.RowCount);
        output.WriteLine($"{name}: {flipped.Count} of {training.RowCount} training labels flipped; {foundInTop:P1} of them in the top 10 % by self-influence; " +
            $"mean influence on {queries.RowCount} clean queries: flipped {flippedMean:E3}, clean {cleanMean:E3}");

        Assert.True(foundInTop >= 0.6, $"only {foundInTop:P1} of the flipped rows rank in the top 10 % by self-influence");
        Assert.True(flippedMean < 0, $"flipped rows help clean queries on average ({flippedMean:E3})");
        Assert.True(flippedMean < cleanMean);
    }

    private static (LabeledDataset Data, HashSet<int> Flipped) FlipLabels(LabeledDataset data, double fraction, int seed)
    {
        var random = new Random(seed);
        var labels = data.Labels.ToArray();
        var flipped = new HashSet<int>();
        while (flipped.Count < (int)(data.RowCount * fraction))
        {
            var i = random.Next(data.RowCount);
            if (!flipped.Add(i)) continue;
            labels[i] = (labels[i] + 1 + random.Next(data.ClassCount - 1)) % data.ClassCount; // any other class
        }
        return (new LabeledDataset(data.Features.ToArray(), labels, data.Dimension, data.ClassCount, data.FeatureNames), flipped);
    }
}
