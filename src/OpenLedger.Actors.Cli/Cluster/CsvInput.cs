using System.Security.Cryptography;
using OpenLedger.Actors.Domain.Data;

namespace OpenLedger.Actors.Cli.Cluster;

/// <summary>
/// A CSV file read for a cluster command (header, numeric features, last column <c>label</c>), the selected
/// row range, and a fingerprint of exactly what was selected: the default prefix of the submission ids and
/// idempotency keys, so running the same command on the same file again repeats nothing.
/// </summary>
internal sealed record CsvInput(LabeledDataset Data, int FirstRow, string Fingerprint)
{
    public static CsvInput Read(FileInfo file, int skip, int? take, int? classCount = null)
    {
        if (skip < 0) throw new FormatException($"--skip cannot be negative; got {skip}.");
        if (take is < 1) throw new FormatException($"--rows must be at least 1; got {take}.");
        var bytes = File.ReadAllBytes(file.FullName);
        var all = CsvDatasetReader.Read(new StringReader(System.Text.Encoding.UTF8.GetString(bytes)), classCount, file.Name);
        if (skip >= all.RowCount) throw new FormatException($"--skip {skip} leaves no rows of the {all.RowCount} in {file.Name}.");
        var count = Math.Min(take ?? int.MaxValue, all.RowCount - skip);
        var data = skip == 0 && count == all.RowCount ? all : all.Subset(Enumerable.Range(skip, count).ToArray());
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData([.. bytes, .. BitConverter.GetBytes(skip), .. BitConverter.GetBytes(count)]))[..16];
        return new CsvInput(data, skip, fingerprint);
    }
}
