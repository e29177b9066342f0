using System.Globalization;
using System.Text.Json;
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
        var (train, queries, trainPath, queryPath, outPath) = SplitFiles(120, 4, seed: 9);

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
    public async Task With_json_a_summary_goes_to_standard_output_and_errors_are_JSON_too()
    {
        var (_, _, trainPath, queryPath, outPath) = SplitFiles(60, 3, seed: 2);
        var (output, error) = (new StringWriter(), new StringWriter());

        Assert.Equal(0, await CliApp.RunAsync(["attribute", "--train", trainPath, "--queries", queryPath, "--out", outPath, "--json"], output, error));
        using (var summary = JsonDocument.Parse(output.ToString()))
        {
            Assert.Equal(60, summary.RootElement.GetProperty("trainingRows").GetInt32());
            Assert.Equal(3L * 60, summary.RootElement.GetProperty("scores").GetInt64());
            Assert.Equal(outPath, summary.RootElement.GetProperty("output").GetString());
        }

        (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await CliApp.RunAsync(["attribute", "--train", Path.Combine(_folder, "missing.csv"), "--queries", queryPath, "--out", outPath, "--json"], output, error));
        using var problem = JsonDocument.Parse(output.ToString());
        Assert.Equal(2, problem.RootElement.GetProperty("error").GetProperty("exitCode").GetInt32());
        Assert.Equal("", error.ToString());
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

    /// <summary>Breast-cancer rows split into training and query files, and where the scores go.</summary>
    private (LabeledDataset Train, LabeledDataset Queries, string TrainPath, string QueryPath, string OutPath) SplitFiles(int trainRows, int queryRows, int seed)
    {
        var (train, queries) = BundledData.Split(BundledData.BreastCancer, trainRows, queryRows, seed);
        return (train, queries, Write("train.csv", train), Write("queries.csv", queries), Path.Combine(_folder, "scores.csv"));
    }

    private string Write(string name, LabeledDataset data)
    {
        var path = Path.Combine(_folder, name);
        using var writer = new StreamWriter(path);
        CsvDatasetReader.Write(writer, data);
        return path;
    }
}
