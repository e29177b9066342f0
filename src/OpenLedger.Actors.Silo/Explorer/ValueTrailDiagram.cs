using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// An inference's attribution receipt drawn as a Sankey-style flow in inline SVG: on the left the training
/// contributions that influenced the answer (band width ∝ normalised influence), in the middle the answer, on the
/// right the accounts its fee paid (band width ∝ micro-units). Labels carry the exact integers.
/// </summary>
public static class ValueTrailDiagram
{
    private const double Width = 1000, NodeWidth = 14, LeftX = 250, MiddleX = 493, RightX = 736, Top = 34, Gap = 8, MinBand = 2;

    public static Html Render(InferenceResult result)
    {
        var receipt = result.Receipt;
        var sources = receipt.Influences.Select(i => (Label: $"row {i.RowId} · {i.Contributor}", Detail: Format.Percent(i.Weight), Share: i.Weight)).ToList();
        var paid = receipt.Postings.GroupBy(p => p.CreditAccount)
            .Select(g => (Account: g.Key, Role: Format.Role(g.First().Code), Amount: g.Sum(p => p.Amount)))
            .OrderByDescending(p => p.Amount).ThenBy(p => p.Account, StringComparer.Ordinal).ToList();
        var total = Math.Max(1, paid.Sum(p => p.Amount));
        var targets = paid.Select(p => (Label: $"{p.Account} ({p.Role})", Detail: $"{Format.Micro(p.Amount)} µ", Share: (double)p.Amount / total)).ToList();

        var rows = Math.Max(Math.Max(sources.Count, targets.Count), 1);
        var flowHeight = Math.Max(160, rows * 30.0);
        var height = Top + flowHeight + rows * Gap + 30;
        var left = Stack(sources.Select(s => s.Share).ToList(), flowHeight);
        var right = Stack(targets.Select(t => t.Share).ToList(), flowHeight);
        var middleHeight = flowHeight;
        var middleTop = Top + (Math.Max(Bottom(left), Bottom(right)) - Top - middleHeight) / 2;

        var parts = new List<Html>
        {
            Html.Of($"<text x=\"{N(LeftX - 6)}\" y=\"18\" text-anchor=\"end\" font-weight=\"600\">contributions that influenced the answer</text>"),
            Html.Of($"<text x=\"{N(MiddleX + NodeWidth / 2)}\" y=\"18\" text-anchor=\"middle\" font-weight=\"600\">the answer</text>"),
            Html.Of($"<text x=\"{N(RightX + NodeWidth + 6)}\" y=\"18\" font-weight=\"600\">accounts paid from the fee</text>"),
            Html.Of($"<rect x=\"{N(MiddleX)}\" y=\"{N(middleTop)}\" width=\"{N(NodeWidth)}\" height=\"{N(middleHeight)}\" fill=\"#1d2430\"><title>answer {result.PredictedClass}, fee {Format.Micro(receipt.Fee)} µ</title></rect>"),
            Html.Of($"<text x=\"{N(MiddleX + NodeWidth / 2)}\" y=\"{N(middleTop + middleHeight + 16)}\" text-anchor=\"middle\">class {result.PredictedClass} · fee {Format.Micro(receipt.Fee)} µ</text>"),
        };
        var inAt = middleTop;
        for (var i = 0; i < sources.Count; i++)
        {
            var (y, h) = left[i];
            var band = middleHeight * sources[i].Share;
            parts.Add(Band(LeftX + NodeWidth, y, h, MiddleX, inAt, Math.Max(MinBand, band), "#1f6feb", $"{sources[i].Label}: {sources[i].Detail} of the positive influence"));
            parts.Add(Html.Of($"<rect x=\"{N(LeftX)}\" y=\"{N(y)}\" width=\"{N(NodeWidth)}\" height=\"{N(h)}\" fill=\"#1f6feb\"/>"));
            parts.Add(Html.Of($"<text x=\"{N(LeftX - 6)}\" y=\"{N(y + h / 2 + 4)}\" text-anchor=\"end\">{sources[i].Label} · {sources[i].Detail}</text>"));
            inAt += band;
        }
        var outAt = middleTop;
        for (var i = 0; i < targets.Count; i++)
        {
            var (y, h) = right[i];
            var band = middleHeight * targets[i].Share;
            parts.Add(Band(MiddleX + NodeWidth, outAt, Math.Max(MinBand, band), RightX, y, h, "#2da44e", $"{targets[i].Label}: {targets[i].Detail}"));
            parts.Add(Html.Of($"<rect x=\"{N(RightX)}\" y=\"{N(y)}\" width=\"{N(NodeWidth)}\" height=\"{N(h)}\" fill=\"#2da44e\"/>"));
            parts.Add(Html.Of($"<text x=\"{N(RightX + NodeWidth + 6)}\" y=\"{N(y + h / 2 + 4)}\">{targets[i].Label} · {targets[i].Detail}</text>"));
            outAt += band;
        }
        return Html.Of($"""
            <div class="chart"><svg id="value-trail" role="img" aria-label="Value trail of inference {result.InferenceId}" viewBox="0 0 {N(Width)} {N(height)}" width="{N(Width)}" height="{N(height)}" xmlns="http://www.w3.org/2000/svg">
            {Html.Join(parts)}
            </svg></div>
            """);
    }

    /// <summary>Node boxes stacked top-down with a gap, each at least <see cref="MinBand"/> high.</summary>
    private static List<(double Y, double H)> Stack(IReadOnlyList<double> shares, double flowHeight)
    {
        var boxes = new List<(double, double)>(shares.Count);
        var y = Top;
        foreach (var share in shares)
        {
            var h = Math.Max(MinBand * 2, flowHeight * share);
            boxes.Add((y, h));
            y += h + Gap;
        }
        return boxes;
    }

    private static double Bottom(List<(double Y, double H)> boxes) => boxes.Count == 0 ? Top : boxes[^1].Y + boxes[^1].H;

    /// <summary>A band from (x0, y0..y0+h0) to (x1, y1..y1+h1) with horizontal tangents at both ends.</summary>
    private static Html Band(double x0, double y0, double h0, double x1, double y1, double h1, string colour, string title)
    {
        var mid = (x0 + x1) / 2;
        var path = $"M{N(x0)},{N(y0)} C{N(mid)},{N(y0)} {N(mid)},{N(y1)} {N(x1)},{N(y1)} L{N(x1)},{N(y1 + h1)} C{N(mid)},{N(y1 + h1)} {N(mid)},{N(y0 + h0)} {N(x0)},{N(y0 + h0)} Z";
        return Html.Of($"<path d=\"{path}\" fill=\"{colour}\" fill-opacity=\"0.28\" stroke=\"{colour}\" stroke-opacity=\"0.5\"><title>{title}</title></path>");
    }

    private static string N(double value) => Format.SvgNumber(value);
}
