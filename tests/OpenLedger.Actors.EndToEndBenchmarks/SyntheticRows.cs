using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// Seeded numeric rows for a Datanet of any size: each class has a centre (standard normal per feature, scaled by 0.5), a
/// row is its class's centre plus unit Gaussian noise, and every feature gets its own offset and scale so the trainer's
/// standardiser has work to do. Classes overlap, so a fitted model is good but not perfect, and no two rows are
/// near-duplicates (the Datanet would refuse the credit for them).
/// </summary>
internal static class SyntheticRows
{
    public static LabeledDataset Generate(int rows, int dimension, int classes, int seed)
    {
        var random = new Random(seed);
        var offsets = Enumerable.Range(0, dimension).Select(_ => random.NextDouble() * 10 - 5).ToArray();
        var scales = Enumerable.Range(0, dimension).Select(_ => 0.5 + random.NextDouble() * 3).ToArray();
        var centres = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, dimension).Select(_ => 0.5 * Normal(random)).ToArray()).ToArray();

        var features = new double[(long)rows * dimension];
        var labels = new int[rows];
        for (var i = 0; i < rows; i++)
        {
            var label = random.Next(classes);
            labels[i] = label;
            for (var k = 0; k < dimension; k++)
                features[(long)i * dimension + k] = offsets[k] + scales[k] * (centres[label][k] + Normal(random));
        }
        return new LabeledDataset(features, labels, dimension, classes);
    }

    /// <summary>A standard normal draw (Box–Muller).</summary>
    private static double Normal(Random random)
    {
        var u = 1.0 - random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u)) * Math.Sin(2.0 * Math.PI * random.NextDouble());
    }
}
