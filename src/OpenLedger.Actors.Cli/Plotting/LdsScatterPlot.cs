using System.Globalization;
using OpenLedger.Actors.Domain.Attribution.Evaluation;

namespace OpenLedger.Actors.Cli.Plotting;

/// <summary>
/// Draws an evaluation as one scatter panel per method: every point is one subset retraining for one
/// query, x the method's predicted loss change and y the actual one, both z-scored within the query (the LDS
/// is a per-query rank correlation, so only the within-query order matters). Colours tell queries apart; a
/// method that ranks subsets perfectly puts every query's points on a rising curve near the diagonal.
/// </summary>
internal static class LdsScatterPlot
{
    private const int Panel = 340;
    private const int Margin = 46;
    private const double Range = 3.0; // z-scores shown: [-3, 3]

    private static readonly (byte R, byte G, byte B) Background = (255, 255, 255);
    private static readonly (byte R, byte G, byte B) Ink = (30, 30, 30);
    private static readonly (byte R, byte G, byte B) Grid = (225, 225, 225);
    private static readonly (byte R, byte G, byte B)[] Palette =
    [
        (31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
        (140, 86, 75), (227, 119, 194), (127, 127, 127), (188, 189, 34), (23, 190, 207),
    ];

    public static RgbImage Render(EvaluationReport report, string title, int maxQueries = 10)
    {
        var methods = report.Methods;
        var width = methods.Count * (Panel + Margin) + Margin;
        var height = Panel + 3 * Margin + 30;
        var image = new RgbImage(width, height, Background);
        image.Text(Margin, 10, title, Ink, scale: 2);
        var subtitle = string.Create(CultureInfo.InvariantCulture,
            $"N={report.TrainingRows}  M={report.Options.SubsetCount} SUBSETS  ALPHA={report.Options.Alpha:0.##}  L2={report.Options.Lambda:G3}  {Math.Min(maxQueries, report.QueryCount)} OF {report.QueryCount} QUERIES  (Z-SCORE WITHIN QUERY)");
        image.Text(Margin, 32, subtitle, Ink);
        var queries = Math.Min(maxQueries, report.QueryCount);
        for (var m = 0; m < methods.Count; m++)
        {
            var left = Margin + m * (Panel + Margin);
            var top = 2 * Margin + 10;
            DrawFrame(image, left, top);
            image.Text(left, top - 14, string.Create(CultureInfo.InvariantCulture, $"{methods[m].Method}  LDS {methods[m].Lds:F3}"), Ink);
            for (var q = 0; q < queries; q++)
            {
                var x = ZScores(methods[m].PredictedLossChange.Select(row => row[q]).ToArray());
                var y = ZScores(report.ActualLossChange.Select(row => row[q]).ToArray());
                for (var j = 0; j < x.Length; j++)
                    image.Dot(ToPixel(left, x[j]), ToPixel(top, -y[j]), 2, Palette[q % Palette.Length]);
            }
            image.Text(left + Panel / 2 - RgbImage.TextWidth("PREDICTED") / 2, top + Panel + 8, "PREDICTED", Ink);
            image.Text(left, top + Panel + 20, "Y: ACTUAL LOSS CHANGE", Ink);
        }
        return image;
    }

    private static void DrawFrame(RgbImage image, int left, int top)
    {
        for (var tick = -Range; tick <= Range; tick += 1)
        {
            var p = (int)Math.Round((tick + Range) / (2 * Range) * (Panel - 1));
            image.Line(left + p, top, left + p, top + Panel - 1, Grid);
            image.Line(left, top + p, left + Panel - 1, top + p, Grid);
        }
        image.Line(left, top + Panel - 1, left + Panel - 1, top, (170, 170, 170)); // y = x
        image.Line(left, top, left + Panel - 1, top, Ink);
        image.Line(left, top + Panel - 1, left + Panel - 1, top + Panel - 1, Ink);
        image.Line(left, top, left, top + Panel - 1, Ink);
        image.Line(left + Panel - 1, top, left + Panel - 1, top + Panel - 1, Ink);
        image.Text(left - 14, top + Panel - 7, "-3", Ink);
        image.Text(left + Panel - 6, top + Panel + 2, "3", Ink);
        image.Text(left - 8, top, "3", Ink);
    }

    private static int ToPixel(int origin, double z) =>
        origin + (int)Math.Round((Math.Clamp(z, -Range, Range) + Range) / (2 * Range) * (Panel - 1));

    private static double[] ZScores(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return values.Select(v => sd > 0 ? (v - mean) / sd : 0).ToArray();
    }
}
