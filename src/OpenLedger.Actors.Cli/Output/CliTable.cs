using System.Globalization;
using Spectre.Console;

namespace OpenLedger.Actors.Cli.Output;

/// <summary>Spectre.Console tables as the CLI prints them: plain text cells (never markup), numbers right-aligned.</summary>
public static class CliTable
{
    /// <summary>A table with these column headers; the columns named in <paramref name="rightAligned"/> (amounts, counts) align right.</summary>
    public static Table Create(string[] headers, params string[] rightAligned)
    {
        var table = new Table();
        foreach (var header in headers)
        {
            var column = new TableColumn(new Text(header));
            if (rightAligned.Contains(header)) column.RightAligned();
            table.AddColumn(column);
        }
        return table;
    }

    /// <summary>Adds a row; each cell is formatted with the invariant culture and shown as plain text.</summary>
    public static void Add(this Table table, params object?[] cells)
    {
        if (cells.Length != table.Columns.Count) throw new ArgumentException($"Expected {table.Columns.Count} cells, got {cells.Length}.", nameof(cells));
        table.AddRow(cells.Select(c => new Text(Convert.ToString(c, CultureInfo.InvariantCulture) ?? "")));
    }
}
