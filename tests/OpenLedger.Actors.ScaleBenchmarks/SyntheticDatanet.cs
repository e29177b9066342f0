using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.ScaleBenchmarks;

/// <summary>
/// A seeded synthetic Datanet version and model of the requested size: Gaussian features with per-feature
/// offsets and scales, a multinomial logistic model with random weights (on the standardised features), and
/// labels sampled from that model's own probabilities, so residuals and influences look like a fitted model's.
/// The weights are the generating ones, not refitted: what is measured is the scan, whose cost does not depend
/// on θ, and Newton's method over a million rows is not.
/// </summary>
internal sealed class SyntheticDatanet
{
    private SyntheticDatanet(LabeledDataset training, LogisticRegressionModel model, double[][] queries)
    {
        Training = training;
        Model = model;
        Queries = queries;
    }

    public LabeledDataset Training { get; }
    public LogisticRegressionModel Model { get; }

    /// <summary>Query rows (raw features) drawn from the same distribution, not in the training set.</summary>
    public double[][] Queries { get; }

    public static SyntheticDatanet Create(int rows, int dimension, int classes, int queryCount, int seed)
    {
        var random = new Random(seed);
        var offsets = Enumerable.Range(0, dimension).Select(_ => random.NextDouble() * 4 - 2).ToArray();
        var scales = Enumerable.Range(0, dimension).Select(_ => 0.5 + random.NextDouble() * 2).ToArray();
        double[] Row()
        {
            var row = new double[dimension];
            for (var k = 0; k < dimension; k++) row[k] = offsets[k] + scales[k] * Gaussian(random);
            return row;
        }

        var features = new double[(long)rows * dimension];
        for (var i = 0; i < rows; i++) Row().CopyTo(features.AsSpan(i * dimension, dimension));
        var width = dimension + 1;
        var theta = new double[classes * width];
        for (var j = 0; j < theta.Length; j++) theta[j] = Gaussian(random) * 2.0 / Math.Sqrt(dimension);
        var model = new LogisticRegressionModel(FeatureStandardizer.Fit(features, rows, dimension), theta, classes, lambda: 0.01);

        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var p = model.PredictProbabilities(features.AsSpan(i * dimension, dimension));
            var u = random.NextDouble();
            var label = 0;
            for (var cumulative = p[0]; label < classes - 1 && u > cumulative; cumulative += p[++label]) { }
            labels[i] = label;
        }
        var queries = Enumerable.Range(0, queryCount).Select(_ => Row()).ToArray();
        return new SyntheticDatanet(new LabeledDataset(features, labels, dimension, classes), model, queries);
    }

    private static double Gaussian(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Cos(2.0 * Math.PI * random.NextDouble());
    }
}
