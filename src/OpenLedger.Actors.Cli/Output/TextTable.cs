namespace OpenLedger.Actors.Cli.Output;

/// <summary>A plain-text table: a header, a rule, and rows; columns padded to their widest cell, numbers right-aligned.</summary>
public sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];
    private readonly bool[] _rightAligned = new bool[headers.Length];

    /// <summary>Right-aligns the named columns (amounts, counts).</summary>
    public TextTable AlignRight(params string[] columns)
    {
        foreach (var column in columns) _rightAligned[Array.IndexOf(headers, column)] = true;
        return this;
    }

    public void Add(params object?[] cells)
    {
        if (cells.Length != headers.Length) throw new ArgumentException($"Expected {headers.Length} cells, got {cells.Length}.", nameof(cells));
        _rows.Add(cells.Select(c => Convert.ToString(c, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray());
    }

    public void WriteTo(TextWriter writer)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Prepend(h.Length).Max()).ToArray();
        writer.WriteLine(Line(headers).TrimEnd());
        writer.WriteLine(string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (var row in _rows) writer.WriteLine(Line(row).TrimEnd());

        string Line(string[] cells) => string.Join("  ", cells.Select((c, i) => _rightAligned[i] ? c.PadLeft(widths[i]) : c.PadRight(widths[i])));
    }
}
