using System.Text.Json;
using OpenLedger.Actors.Cli;
using OpenLedger.Actors.Domain.Data;
using SkiaSharp;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The evaluate command's contract, run in-process: table, JSON, PNG, exit codes.</summary>
public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("openledger-evaluate-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Writes_a_JSON_report_and_a_decodable_PNG_plot()
    {
        var dataPath = Write("data.csv", BundledData.BreastCancer.Subset(Enumerable.Range(0, 160).ToArray()));
        var json = Path.Combine(_folder, "report.json");
        var png = Path.Combine(_folder, "plot.png");

        var exit = await CliApp.RunAsync(["evaluate", "--data", dataPath, "--query-count", "10", "--subsets", "12", "--loo-rows", "6", "--out", json, "--plot", png]);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(await File.ReadAllTextAsync(json));
        var root = report.RootElement;
        Assert.Equal(150, root.GetProperty("trainingRows").GetInt32());
        Assert.Equal(12, root.GetProperty("actualLossChange").GetArrayLength());
        var methods = root.GetProperty("methods").EnumerateArray().ToList();
        Assert.Equal("exact-influence", methods[0].GetProperty("method").GetString());
        Assert.All(methods, m => Assert.InRange(m.GetProperty("lds").GetDouble(), -1, 1));
        Assert.Equal(10, methods[0].GetProperty("ldsPerQuery").GetArrayLength());

        using var bitmap = SKBitmap.Decode(await File.ReadAllBytesAsync(png));
        Assert.NotNull(bitmap);
        Assert.InRange(bitmap.Width, 4 * 300, 4 * 600); // one panel per method
        Assert.InRange(bitmap.Height, 400, 700);
        var pixels = bitmap.Pixels;
        Assert.Contains(pixels, p => Math.Abs(p.Red - p.Green) > 80 || Math.Abs(p.Green - p.Blue) > 80); // coloured points were drawn
        // The title strip holds text in the bundled font: dark glyph pixels, whatever fonts the machine has.
        var darkInTitle = pixels.Take(bitmap.Width * 50).Count(p => p.Red < 90 && p.Green < 90 && p.Blue < 90);
        Assert.True(darkInTitle > 300, $"{darkInTitle} dark pixels in the title strip");
    }

    [Fact]
    public async Task With_json_the_report_is_the_only_thing_on_standard_output()
    {
        var dataPath = Write("data.csv", BundledData.BreastCancer.Subset(Enumerable.Range(0, 80).ToArray()));
        var (output, error) = (new StringWriter(), new StringWriter());

        var exit = await CliApp.RunAsync(["evaluate", "--data", dataPath, "--query-count", "5", "--subsets", "6", "--loo-rows", "0", "--json"], output, error);

        Assert.Equal(0, exit);
        using var report = JsonDocument.Parse(output.ToString());
        Assert.Equal(75, report.RootElement.GetProperty("trainingRows").GetInt32());
        Assert.Equal("exact-influence", report.RootElement.GetProperty("methods")[0].GetProperty("method").GetString());
        Assert.Contains("subset retrainings", error.ToString()); // progress stays on standard error

        (output, error) = (new StringWriter(), new StringWriter());
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", dataPath, "--alpha", "1.5", "--json"], output, error));
        using var problem = JsonDocument.Parse(output.ToString());
        Assert.Equal(2, problem.RootElement.GetProperty("error").GetProperty("exitCode").GetInt32());
    }

    [Fact]
    public async Task Bad_arguments_exit_with_code_2_and_write_nothing()
    {
        var dataPath = Write("data.csv", BundledData.BreastCancer.Subset(Enumerable.Range(0, 40).ToArray()));
        var json = Path.Combine(_folder, "report.json");
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--out", json]));
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", dataPath, "--train", dataPath, "--out", json]));
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", dataPath, "--alpha", "1.5", "--out", json]));
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", dataPath, "--subsets", "2", "--out", json]));
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", dataPath, "--query-count", "39", "--out", json]));
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", dataPath, "--retrain", "sometimes", "--out", json]));
        Assert.Equal(2, await CliApp.RunAsync(["evaluate", "--data", Path.Combine(_folder, "missing.csv"), "--out", json]));
        Assert.False(File.Exists(json));
    }

    private string Write(string name, LabeledDataset data)
    {
        var path = Path.Combine(_folder, name);
        using var writer = new StreamWriter(path);
        CsvDatasetReader.Write(writer, data);
        return path;
    }
}
