using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.IntegrationTests;

internal static class TestData
{
    private static readonly Lazy<LabeledDataset> BreastCancerSet = new(() =>
        CsvDatasetReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "breast_cancer.csv"), 2));

    public static LabeledDataset BreastCancer => BreastCancerSet.Value;
}
