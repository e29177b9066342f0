using System.Globalization;
using OpenLedger.Actors.Cli;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Training;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The CLI's offline attribution contract, run in-process.</summary>
public sealed class AttributeCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("openledger-cli-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Writes_one_score_per_query_and_training_row_equal_to_the_library()
    {
        var (train, queries) = BundledData.Split(BundledData.BreastCancer, 120, 4, seed: 9);
        var trainPath = Write("train.csv", train);
        var queryPath = Write("queries.csv", queries);
        var outPath = Path.Combine(_folder, "scores.csv");

        var exit = await CliApp.RunAsync(["attribute", "--train", trainPath, "--queries", queryPath, "--l2", "0.05", "--out", outPath]);

        Assert.Equal(0, exit);
        var lines = await File.ReadAllLinesAsync(outPath);
        Assert.Equal("query_index,train_index,score", lines[0]);
        Assert.Equal(1 + queries.RowCount * train.RowCount, lines.Length);
        var index = InfluenceIndex.Build(LogisticRegressionTrainer.Train(train, new TrainerOptions { Lambda = 0.05 }).Model, train);
        var expected = new double[train.RowCount];
        for (var q = 0; q < queries.RowCount; q++)
        {
            index.ScoreAll(index.Prepare(queries.Row(q), queries.Labels[q]), expected);
            for (var i = 0; i < train.RowCount; i++)
            {
                var cells = lines[1 + q * train.RowCount + i].Split(',');
                Assert.Equal((q, i), (int.Parse(cells[0], CultureInfo.InvariantCulture), int.Parse(cells[1], CultureInfo.InvariantCulture)));
                Assert.Equal(expected[i], double.Parse(cells[2], CultureInfo.InvariantCulture));
            }
        }
    }

    [Fact]
    public async Task Bad_arguments_and_files_exit_with_code_2()
    {
        var trainPath = Write("train.csv", BundledData.BreastCancer.Subset([0, 1, 2, 3]));
        var badPath = Path.Combine(_folder, "bad.csv");
        await File.WriteAllTextAsync(badPath, "a,b,label\n1,oops,0\n");
        var outPath = Path.Combine(_folder, "out.csv");

        Assert.Equal(2, await CliApp.RunAsync(["attribute", "--train", trainPath]));
        Assert.Equal(2, await CliApp.RunAsync(["attribute", "--train", Path.Combine(_folder, "missing.csv"), "--queries", trainPath, "--out", outPath]));
        Assert.Equal(2, await CliApp.RunAsync(["attribute", "--train", badPath, "--queries", trainPath, "--out", outPath]));
        Assert.Equal(2, await CliApp.RunAsync(["attribute", "--train", trainPath, "--queries", trainPath, "--l2", "-1", "--out", outPath]));
        Assert.False(File.Exists(outPath));
    }

    private string Write(string name, LabeledDataset data)
    {
        var path = Path.Combine(_folder, name);
        using var writer = new StreamWriter(path);
        CsvDatasetReader.Write(writer, data);
        return path;
    }
}
