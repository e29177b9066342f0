using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.IntegrationTests;

internal static class TestData
{
    private static readonly Lazy<LabeledDataset> BreastCancerSet = new(() =>
        CsvDatasetReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"), 2));

    private static readonly Lazy<LabeledDataset> DigitsSet = new(() =>
        CsvDatasetReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"), 10));

    public static LabeledDataset BreastCancer => BreastCancerSet.Value;

    public static LabeledDataset Digits => DigitsSet.Value;
}
