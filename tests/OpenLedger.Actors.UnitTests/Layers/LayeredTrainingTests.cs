using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Layers;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests.Layers;

public sealed class LayeredTrainingTests
{
    private static readonly TrainerOptions Options = new() { Lambda = 0.01 };

    /// <summary>The first <paramref name="count"/> rows of the data as layers cut at <paramref name="cuts"/>, with the given weights.</summary>
    internal static LayeredTrainingSet Layered(LabeledDataset data, int count, int[] cuts, double[] weights)
    {
        var bounds = cuts.Prepend(0).Append(count).ToArray();
        var layers = new List<LayerRows>();
        var manifest = new List<ManifestLayer>();
        for (var l = 0; l + 1 < bounds.Length; l++)
        {
            var rows = Enumerable.Range(bounds[l], bounds[l + 1] - bounds[l]).ToArray();
            var id = new LayerId($"datanet-{l}", l + 1);
            layers.Add(new LayerRows(id, rows.Select(r => (long)r + 1).ToArray(), rows.Select(r => $"contributor-{l}-{r % 3}").ToArray(), data.Subset(rows)));
            manifest.Add(new ManifestLayer(id.DatanetId, id.Version, weights[l]));
        }
        layers.Reverse(); // the manifest, not the argument order, decides the training order
        return LayeredTrainingSet.Build(new LayeredManifest(manifest), layers);
    }

    [Fact]
    public void Weight_one_everywhere_reproduces_the_single_version_model_and_its_influence_bit_for_bit()
    {
        var data = BundledData.Digits;
        var rows = data.Subset(Enumerable.Range(0, 600).ToArray());
        var single = LogisticRegressionTrainer.Train(rows, Options);
        var layered = Layered(data, 600, [250, 400], [1, 1, 1]);
        var trained = layered.Train(Options);

        Assert.Equal(single.Model.Theta.Select(BitConverter.DoubleToInt64Bits), trained.Model.Theta.Select(BitConverter.DoubleToInt64Bits));
        Assert.Equal(single.Iterations, trained.Iterations);

        var singleIndex = InfluenceIndex.Build(single.Model, rows);
        var queries = Enumerable.Range(600, 8).Select(q => singleIndex.Prepare(data.Row(q), data.Labels[q])).ToArray();
        var expected = singleIndex.ScoreBatch(queries);
        var actual = layered.BuildIndex(trained.Model).ScoreBatch(queries);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Influence_under_layer_weights_predicts_weighted_retraining()
    {
        var data = BundledData.Digits;
        var layered = Layered(data, 300, [200], [1, 2.5]);
        var model = layered.Train(Options).Model;
        var index = layered.BuildIndex(model);
        var design = model.Standardizer.DesignMatrix(layered.Rows.Features, layered.RowCount);
        var query = data.Row(700);
        var queryLabel = data.Labels[700];
        var prepared = index.Prepare(query, queryLabel);
        var scores = new double[layered.RowCount];
        index.ScoreAll(prepared, scores);

        var sampled = Enumerable.Range(0, 12).Select(i => i * 25).ToArray(); // rows of both layers (the second starts at 200)
        var predicted = new List<double>();
        var actual = new List<double>();
        foreach (var row in sampled)
        {
            var weights = (double[])layered.RowWeights.Clone();
            weights[row] = 0;
            var objective = new LogisticRegressionObjective(design, layered.Rows.Labels, model.DesignWidth, model.ClassCount, model.Lambda, weights);
            var theta = NewtonSolver.Minimize(objective, 1e-11, 50, start: model.Theta).Theta;
            var retrained = new LogisticRegressionModel(model.Standardizer, theta, model.ClassCount, model.Lambda);
            predicted.Add(scores[row]);
            actual.Add(retrained.Loss(query, queryLabel) - model.Loss(query, queryLabel));
        }
        var correlation = Domain.Numerics.RankCorrelation.Pearson(predicted, actual);
        Assert.True(correlation > 0.95, $"influence vs weighted leave-one-out: Pearson {correlation:F3}");
        // the sampled rows from 200 on are the second layer's, at its weight
        Assert.Equal(2.5, layered.Origin(250).Weight);
    }

    [Fact]
    public void Every_row_knows_its_layer_row_id_contributor_and_weight()
    {
        var layered = Layered(BundledData.Digits, 100, [40, 70], [1, 2, 0.5]);
        Assert.Equal([40, 30, 30], layered.LayerRowCounts);
        Assert.Equal(new RowOrigin(0, new LayerId("datanet-0", 1), 1, "contributor-0-0", 1), layered.Origin(0));
        Assert.Equal(new RowOrigin(1, new LayerId("datanet-1", 2), 41, "contributor-1-1", 2), layered.Origin(40));
        Assert.Equal(new RowOrigin(2, new LayerId("datanet-2", 3), 100, "contributor-2-0", 0.5), layered.Origin(99));
        Assert.Equal(BundledData.Digits.Row(75).ToArray(), layered.Rows.Row(75).ToArray());
    }

    [Fact]
    public void Bad_manifests_and_mismatched_layers_are_refused()
    {
        Assert.Equal(["manifest.empty"], new LayeredManifest([]).Problems().Select(p => p.Code));
        Assert.Contains("manifest.datanet_repeated", new LayeredManifest([new("a", 1, 1), new("a", 2, 1)]).Problems().Select(p => p.Code));
        Assert.Contains("manifest.weight", new LayeredManifest([new("a", 1, double.NaN)]).Problems().Select(p => p.Code));
        Assert.Contains("manifest.weight", new LayeredManifest([new("a", 1, 0)]).Problems().Select(p => p.Code));
        Assert.Contains("manifest.version", new LayeredManifest([new("a", 0, 1)]).Problems().Select(p => p.Code));
        Assert.Contains("manifest.too_many_layers",
            new LayeredManifest(Enumerable.Range(0, LayeredManifest.MaxLayers + 1).Select(i => new ManifestLayer($"d{i}", 1, 1)).ToArray()).Problems().Select(p => p.Code));
        Assert.Empty(LayeredManifest.Single("digits", 3).Problems());

        var digits = BundledData.Digits.Subset([0, 1, 2]);
        var cancer = BundledData.BreastCancer.Subset([0, 1]);
        var manifest = new LayeredManifest([new("a", 1, 1), new("b", 1, 1)]);
        var a = new LayerRows(new LayerId("a", 1), [1, 2, 3], ["x", "y", "z"], digits);
        Assert.Throws<ArgumentException>(() => LayeredTrainingSet.Build(manifest, [a, new LayerRows(new LayerId("b", 1), [1, 2], ["x", "y"], cancer)]));
        Assert.Throws<ArgumentException>(() => LayeredTrainingSet.Build(manifest, [a])); // a layer missing
        Assert.Throws<ArgumentException>(() => LayeredTrainingSet.Build(manifest, [a, new LayerRows(new LayerId("b", 2), [1, 2, 3], ["x", "y", "z"], digits)]));
    }
}
