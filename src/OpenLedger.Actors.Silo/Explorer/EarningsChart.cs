using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>An account's earnings over time as inline SVG: a bar per time bucket (left axis) and the running total
/// as a line (right axis). The buckets come pre-aggregated from the read model, at most 64 of them.</summary>
public static class EarningsChart
{
    private const double Width = 900, Height = 260, PadLeft = 80, PadRight = 90, PadTop = 16, PadBottom = 40;

    public static Html Render(EarningsHistory history)
    {
        if (history.Amounts.Count == 0) return Html.Of($"<p class=\"muted\">No earnings yet.</p>");
        var plotWidth = Width - PadLeft - PadRight;
        var plotHeight = Height - PadTop - PadBottom;
        var maxBucket = Math.Max(1, history.Amounts.Max());
        var total = Math.Max(1, history.Amounts.Sum());
        var slot = plotWidth / history.Amounts.Count;
        var parts = new List<Html>
        {
            Html.Of($"<line x1=\"{N(PadLeft)}\" y1=\"{N(PadTop + plotHeight)}\" x2=\"{N(PadLeft + plotWidth)}\" y2=\"{N(PadTop + plotHeight)}\" stroke=\"#8c959f\"/>"),
            Html.Of($"<text x=\"{N(PadLeft - 6)}\" y=\"{N(PadTop + 10)}\" text-anchor=\"end\" fill=\"#1f6feb\">{Format.Micro(maxBucket)} µ</text>"),
            Html.Of($"<text x=\"{N(PadLeft - 6)}\" y=\"{N(PadTop + plotHeight)}\" text-anchor=\"end\">0</text>"),
            Html.Of($"<text x=\"{N(PadLeft + plotWidth + 6)}\" y=\"{N(PadTop + 10)}\" fill=\"#2da44e\">{Format.Micro(total)} µ</text>"),
            Html.Of($"<text x=\"{N(PadLeft)}\" y=\"{N(Height - 12)}\">{Format.Time(history.Origin)}</text>"),
            Html.Of($"<text x=\"{N(PadLeft + plotWidth)}\" y=\"{N(Height - 12)}\" text-anchor=\"end\">{Format.Time(history.Origin.AddSeconds(history.BucketSeconds * history.Amounts.Count))}</text>"),
            Html.Of($"<text x=\"{N(PadLeft + plotWidth / 2)}\" y=\"{N(Height - 12)}\" text-anchor=\"middle\" class=\"muted\">{history.BucketSeconds} s per bar</text>"),
        };
        var running = 0L;
        var line = new List<string>();
        for (var k = 0; k < history.Amounts.Count; k++)
        {
            var amount = history.Amounts[k];
            var h = plotHeight * amount / maxBucket;
            var x = PadLeft + k * slot;
            var from = history.Origin.AddSeconds(history.BucketSeconds * k);
            parts.Add(Html.Of($"<rect x=\"{N(x + slot * 0.1)}\" y=\"{N(PadTop + plotHeight - h)}\" width=\"{N(slot * 0.8)}\" height=\"{N(h)}\" fill=\"#1f6feb\" fill-opacity=\"0.75\"><title>{Format.Time(from)}: {Format.Micro(amount)} µ</title></rect>"));
            running += amount;
            line.Add($"{N(x + slot)},{N(PadTop + plotHeight - plotHeight * running / total)}");
        }
        parts.Add(Html.Of($"<polyline points=\"{N(PadLeft)},{N(PadTop + plotHeight)} {string.Join(' ', line)}\" fill=\"none\" stroke=\"#2da44e\" stroke-width=\"2\"/>"));
        return Html.Of($"""
            <svg id="earnings-chart" role="img" aria-label="Earnings over time" viewBox="0 0 {N(Width)} {N(Height)}" width="{N(Width)}" height="{N(Height)}" xmlns="http://www.w3.org/2000/svg">
            {Html.Join(parts)}
            </svg>
            """);
    }

    private static string N(double value) => Format.SvgNumber(value);
}
