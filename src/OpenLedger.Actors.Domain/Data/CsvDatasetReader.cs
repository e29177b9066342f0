using System.Globalization;

namespace OpenLedger.Actors.Domain.Data;

/// <summary>
/// Reads the project's plain CSV form: a header row, numeric feature columns, and a last column
/// <c>label</c> holding the 0-based integer class. Errors name the line and column.
/// </summary>
public static class CsvDatasetReader
{
    public static LabeledDataset ReadFile(string path, int? classCount = null)
    {
        using var reader = new StreamReader(path);
        return Read(reader, classCount, path);
    }

    /// <param name="classCount">The class count; when null it is the largest label + 1 (at least 2).</param>
    public static LabeledDataset Read(TextReader reader, int? classCount = null, string source = "csv")
    {
        var header = reader.ReadLine() ?? throw new FormatException($"{source}: the file is empty; a header row is required.");
        var columns = header.Split(',').Select(c => c.Trim()).ToArray();
        if (columns.Length < 2 || !string.Equals(columns[^1], "label", StringComparison.OrdinalIgnoreCase))
            throw new FormatException($"{source}: the header must end with a 'label' column after at least one feature column.");
        var dimension = columns.Length - 1;
        var features = new List<double>();
        var labels = new List<int>();
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != columns.Length)
                throw new FormatException($"{source}:{lineNumber}: expected {columns.Length} columns, found {cells.Length}.");
            for (var c = 0; c < dimension; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
                    throw new FormatException($"{source}:{lineNumber}: column '{columns[c]}' is not a finite number: '{cells[c]}'.");
                features.Add(value);
            }
            if (!int.TryParse(cells[^1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var label) || label < 0)
                throw new FormatException($"{source}:{lineNumber}: label '{cells[^1]}' is not a non-negative integer.");
            labels.Add(label);
        }
        if (labels.Count == 0) throw new FormatException($"{source}: no data rows.");
        var classes = classCount ?? Math.Max(2, labels.Max() + 1);
        return new LabeledDataset(features.ToArray(), labels.ToArray(), dimension, classes, columns[..^1]);
    }

    /// <summary>Writes a dataset back in the same CSV form.</summary>
    public static void Write(TextWriter writer, LabeledDataset dataset)
    {
        writer.WriteLine(string.Join(',', dataset.FeatureNames.Append("label")));
        for (var i = 0; i < dataset.RowCount; i++)
        {
            var row = dataset.Row(i).ToArray().Select(v => v.ToString("R", CultureInfo.InvariantCulture));
            writer.WriteLine(string.Join(',', row.Append(dataset.Labels[i].ToString(CultureInfo.InvariantCulture))));
        }
    }
}
