using System.Globalization;
using OpenLedger.Actors.Domain.Attribution.Evaluation;
using ScottPlot;
using SkiaSharp;

namespace OpenLedger.Actors.Cli.Plotting;

/// <summary>
/// Draws an evaluation with ScottPlot as one scatter panel per method: every point is one subset retraining for one
/// query, x the method's predicted loss change and y the actual one, both z-scored within the query (the LDS
/// is a per-query rank correlation, so only the within-query order matters). Colours tell queries apart (legend in
/// the first panel); a method that ranks subsets perfectly puts every query's points on a rising curve near the
/// dashed diagonal. Text uses the DejaVu Sans file shipped beside the tool, so a machine without fonts or
/// fontconfig draws the same figure.
/// </summary>
internal static class LdsScatterPlot
{
    public const string FontName = "DejaVu Sans";
    private const int PanelWidth = 420;
    private const int PanelHeight = 440;
    private const int TitleHeight = 56;
    private const double Range = 3.0; // z-scores shown: [-3, 3]
    private static readonly Lock FontGate = new();
    private static bool _fontAdded;

    /// <summary>The figure as PNG bytes.</summary>
    public static byte[] RenderPng(EvaluationReport report, string title, int maxQueries = 10)
    {
        UseBundledFont();
        var methods = report.Methods;
        var queries = Math.Min(maxQueries, report.QueryCount);
        var multiplot = new Multiplot();
        multiplot.AddPlots(methods.Count);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Columns();
        for (var m = 0; m < methods.Count; m++)
        {
            var plot = multiplot.GetPlot(m);
            plot.Title(string.Create(CultureInfo.InvariantCulture, $"{methods[m].Method}: LDS {methods[m].Lds:F3}"), size: 15);
            plot.XLabel("predicted loss change (z)", size: 13);
            plot.YLabel("actual loss change (z)", size: 13);
            var diagonal = plot.Add.Line(-Range, -Range, Range, Range);
            diagonal.Color = Colors.Gray;
            diagonal.LinePattern = LinePattern.Dashed;
            diagonal.LegendText = "y = x";
            for (var q = 0; q < queries; q++)
            {
                var x = ZScores(methods[m].PredictedLossChange.Select(row => row[q]).ToArray());
                var y = ZScores(report.ActualLossChange.Select(row => row[q]).ToArray());
                var points = plot.Add.ScatterPoints(x, y, Colors.Category10[q % Colors.Category10.Length]);
                points.MarkerSize = 5;
                points.LegendText = $"query {q + 1}";
            }
            plot.Axes.SetLimits(-Range - 0.3, Range + 0.3, -Range - 0.3, Range + 0.3);
            plot.Font.Set(FontName);
            if (m == 0)
            {
                plot.ShowLegend(Alignment.UpperLeft);
                plot.Legend.FontName = FontName;
                plot.Legend.FontSize = 10;
            }
            else
            {
                plot.HideLegend();
            }
        }

        var width = methods.Count * PanelWidth;
        var height = PanelHeight + TitleHeight;
        using var surface = SKSurface.Create(new SKImageInfo(width, height)) ?? throw new InvalidOperationException("Skia could not create a drawing surface.");
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Save();
        canvas.Translate(0, TitleHeight); // the panels below the title (ScottPlot paints its whole canvas, so they go first)
        multiplot.Render(canvas, new PixelRect(0, width, PanelHeight, 0));
        canvas.Restore();
        using (var blank = new SKPaint { Color = SKColors.White }) canvas.DrawRect(0, 0, width, TitleHeight, blank);
        using (var typeface = Fonts.GetTypeface(FontName, bold: false, italic: false))
        using (var heading = new SKFont(typeface, 18))
        using (var small = new SKFont(typeface, 13))
        using (var ink = new SKPaint { Color = new SKColor(30, 30, 30), IsAntialias = true })
        {
            canvas.DrawText(title, 16, 24, SKTextAlign.Left, heading, ink);
            canvas.DrawText(string.Create(CultureInfo.InvariantCulture,
                $"N = {report.TrainingRows} training rows, M = {report.Options.SubsetCount} subsets, α = {report.Options.Alpha:0.##}, λ = {report.Options.Lambda:G3}; {queries} of {report.QueryCount} queries; z-scores within each query"),
                16, 46, SKTextAlign.Left, small, ink);
        }
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>Registers the bundled DejaVu Sans with ScottPlot once (regular and as the bold titles' face).</summary>
    private static void UseBundledFont()
    {
        lock (FontGate)
        {
            if (_fontAdded) return;
            var path = Path.Combine(AppContext.BaseDirectory, "Fonts", "DejaVuSans.ttf");
            if (!File.Exists(path)) throw new FileNotFoundException($"The plot font is missing beside the tool: {path}", path);
            Fonts.AddFontFile(FontName, path, bold: false, italic: false);
            Fonts.AddFontFile(FontName, path, bold: true, italic: false);
            Fonts.Default = FontName;
            _fontAdded = true;
        }
    }

    private static double[] ZScores(double[] values)
    {
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        return values.Select(v => sd > 0 ? (v - mean) / sd : 0).ToArray();
    }
}
