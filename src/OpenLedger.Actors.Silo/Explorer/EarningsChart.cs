using OpenLedger.Actors.Abstractions.Explorer;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>An account's earnings over time as inline SVG: a bar per time bucket (left axis) and the running total
/// as a line (right axis), each axis with ticks at quarters of a rounded scale and grid lines, and a legend. The buckets
/// come pre-aggregated from the read model, at most 64 of them.</summary>
public static class EarningsChart
{
    private const double Width = 900, Height = 280, PadLeft = 90, PadRight = 100, PadTop = 16, PadBottom = 52;

    public static Html Render(EarningsHistory history)
    {
        if (history.Amounts.Count == 0) return Html.Of($"<p class=\"muted\">No earnings yet.</p>");
        var plotWidth = Width - PadLeft - PadRight;
        var plotHeight = Height - PadTop - PadBottom;
        var barScale = NiceCeiling(Math.Max(1, history.Amounts.Max()));
        var total = Math.Max(1, history.Amounts.Sum());
        var totalScale = NiceCeiling(total);
        var slot = plotWidth / history.Amounts.Count;
        var parts = new List<Html>();
        // Grid and both axes' ticks at quarters of the (rounded) scales: per-bar amounts on the left, the running total on the right.
        for (var q = 0; q <= 4; q++)
        {
            var y = PadTop + plotHeight - plotHeight * q / 4;
            parts.Add(Html.Of($"<line class=\"grid\" x1=\"{N(PadLeft)}\" y1=\"{N(y)}\" x2=\"{N(PadLeft + plotWidth)}\" y2=\"{N(y)}\" stroke=\"{(q == 0 ? "#8c959f" : "#d9dee6")}\"/>"));
            parts.Add(Html.Of($"<text class=\"tick\" x=\"{N(PadLeft - 6)}\" y=\"{N(y + 4)}\" text-anchor=\"end\" fill=\"#1f6feb\">{Format.Micro(barScale * q / 4)}</text>"));
            parts.Add(Html.Of($"<text class=\"tick\" x=\"{N(PadLeft + plotWidth + 6)}\" y=\"{N(y + 4)}\" fill=\"#2da44e\">{Format.Micro(totalScale * q / 4)}</text>"));
        }
        parts.Add(Html.Of($"<text x=\"14\" y=\"{N(PadTop + plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(-90 14 {N(PadTop + plotHeight / 2)})\" fill=\"#1f6feb\">earned per bar (µ)</text>"));
        parts.Add(Html.Of($"<text x=\"{N(Width - 10)}\" y=\"{N(PadTop + plotHeight / 2)}\" text-anchor=\"middle\" transform=\"rotate(90 {N(Width - 10)} {N(PadTop + plotHeight / 2)})\" fill=\"#2da44e\">running total (µ)</text>"));
        parts.Add(Html.Of($"<text x=\"{N(PadLeft)}\" y=\"{N(Height - 22)}\">{Format.Time(history.Origin)}</text>"));
        parts.Add(Html.Of($"<text x=\"{N(PadLeft + plotWidth)}\" y=\"{N(Height - 22)}\" text-anchor=\"end\">{Format.Time(history.Origin.AddSeconds(history.BucketSeconds * history.Amounts.Count))}</text>"));
        // The legend, under the time axis.
        var legendY = Height - 6;
        parts.Add(Html.Of($"<g class=\"legend\"><rect x=\"{N(PadLeft)}\" y=\"{N(legendY - 9)}\" width=\"12\" height=\"10\" fill=\"#1f6feb\" fill-opacity=\"0.75\"/><text x=\"{N(PadLeft + 16)}\" y=\"{N(legendY)}\">earned in each {Format.Count(history.BucketSeconds)} s</text>" +
            $"<line x1=\"{N(PadLeft + 220)}\" y1=\"{N(legendY - 4)}\" x2=\"{N(PadLeft + 240)}\" y2=\"{N(legendY - 4)}\" stroke=\"#2da44e\" stroke-width=\"2\"/><text x=\"{N(PadLeft + 246)}\" y=\"{N(legendY)}\">running total: {Format.Micro(history.Amounts.Sum())} µ</text></g>"));
        var running = 0L;
        var line = new List<string>();
        for (var k = 0; k < history.Amounts.Count; k++)
        {
            var amount = history.Amounts[k];
            var h = plotHeight * amount / barScale;
            var x = PadLeft + k * slot;
            var from = history.Origin.AddSeconds(history.BucketSeconds * k);
            parts.Add(Html.Of($"<rect x=\"{N(x + slot * 0.1)}\" y=\"{N(PadTop + plotHeight - h)}\" width=\"{N(slot * 0.8)}\" height=\"{N(h)}\" fill=\"#1f6feb\" fill-opacity=\"0.75\"><title>{Format.Time(from)}: {Format.Micro(amount)} µ</title></rect>"));
            running += amount;
            line.Add($"{N(x + slot)},{N(PadTop + plotHeight - plotHeight * running / totalScale)}");
        }
        parts.Add(Html.Of($"<polyline points=\"{N(PadLeft)},{N(PadTop + plotHeight)} {string.Join(' ', line)}\" fill=\"none\" stroke=\"#2da44e\" stroke-width=\"2\"/>"));
        return Html.Of($"""
            <div class="chart"><svg id="earnings-chart" role="img" aria-label="Earnings over time" viewBox="0 0 {N(Width)} {N(Height)}" width="{N(Width)}" height="{N(Height)}" xmlns="http://www.w3.org/2000/svg">
            {Html.Join(parts)}
            </svg></div>
            """);
    }

    /// <summary>The smallest 1, 2, 4, 5 or 8 × 10ⁿ divisible by 4 (so its quarters are whole micro-units) at or above <paramref name="value"/>: an axis scale whose quarter ticks read well.</summary>
    public static long NiceCeiling(long value)
    {
        if (value <= 4) return 4;
        for (var step = 1L; ; step *= 10)
            foreach (var m in new[] { 1L, 2L, 4L, 5L, 8L })
                if (m * step >= value && (m * step) % 4 == 0) return m * step;
    }

    private static string N(double value) => Format.SvgNumber(value);
}
