using System.Buffers.Binary;
using System.IO.Compression;
using System.Text.Json;
using OpenLedger.Actors.Cli;
using OpenLedger.Actors.Domain.Data;

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

        var (width, height, pixels) = DecodePng(await File.ReadAllBytesAsync(png));
        Assert.True(width > 400 && height > 300);
        Assert.Contains(pixels.Chunk(3), p => p[0] != p[1] || p[1] != p[2]); // coloured points were drawn
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

    /// <summary>A minimal PNG reader for what the encoder writes: checks every CRC and inflates the pixels.</summary>
    private static (int Width, int Height, byte[] Pixels) DecodePng(byte[] bytes)
    {
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, bytes[..8]);
        int width = 0, height = 0;
        using var idat = new MemoryStream();
        var at = 8;
        while (at < bytes.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(bytes, at + 4, 4);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at + 8 + length));
            Assert.Equal(Crc32(bytes.AsSpan(at + 4, 4 + length)), crc);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at + 8));
                height = BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(at + 12));
                Assert.Equal(8, bytes[at + 16]);
                Assert.Equal(2, bytes[at + 17]);
            }
            if (type == "IDAT") idat.Write(bytes, at + 8, length);
            at += 12 + length;
        }
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress)) zlib.CopyTo(inflated);
        var raw = inflated.ToArray();
        Assert.Equal((width * 3 + 1) * height, raw.Length);
        var pixels = new byte[width * 3 * height];
        for (var y = 0; y < height; y++)
        {
            Assert.Equal(0, raw[y * (width * 3 + 1)]); // filter type none
            Array.Copy(raw, y * (width * 3 + 1) + 1, pixels, y * width * 3, width * 3);
        }
        return (width, height, pixels);
    }

    /// <summary>An independent bitwise CRC-32 (no table), so the test does not reuse the encoder's code.</summary>
    private static uint Crc32(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private string Write(string name, LabeledDataset data)
    {
        var path = Path.Combine(_folder, name);
        using var writer = new StreamWriter(path);
        CsvDatasetReader.Write(writer, data);
        return path;
    }
}
