using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The bundled datasets, copied next to the test assembly.</summary>
internal static class BundledData
{
    private static readonly Lazy<LabeledDataset> DigitsSet = new(() => Load("digits.csv", 10));
    private static readonly Lazy<LabeledDataset> BreastCancerSet = new(() => Load("breast_cancer.csv", 2));

    public static LabeledDataset Digits => DigitsSet.Value;
    public static LabeledDataset BreastCancer => BreastCancerSet.Value;

    private static LabeledDataset Load(string file, int classes) =>
        CsvDatasetReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", file), classes);

    /// <summary>A deterministic split: a seeded shuffle, then the first <paramref name="trainCount"/> rows train.</summary>
    public static (LabeledDataset Train, LabeledDataset Test) Split(LabeledDataset data, int trainCount, int testCount, int seed)
    {
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        new Random(seed).Shuffle(order);
        return (data.Subset(order[..trainCount]), data.Subset(order[trainCount..(trainCount + testCount)]));
    }
}
