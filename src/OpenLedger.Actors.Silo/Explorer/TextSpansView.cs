using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// A language model's receipt on the inference page: the spans of its output found verbatim in the corpus (character
/// and token ranges, how often each occurs, the documents holding it) and the share of the output's weight left
/// unattributed. The output text itself is not stored with the receipt, so the ranges are shown, not the words.
/// </summary>
public static class TextSpansView
{
    public static Html Render(AttributionReceipt receipt)
    {
        if (receipt.Text is not { } text) return Html.Empty;
        var unattributed = text.TotalWeight == 0 ? 1.0 : (double)text.UnattributedWeight / text.TotalWeight;
        return Html.Of($"""
            <h2>Spans found verbatim in the corpus</h2>
            <p class="muted">{text.Spans.Count} spans of at least {text.MinTokens} tokens in an output of {text.OutputTokens} tokens, traced over {Format.Count(text.CorpusTokens)} corpus tokens of <a href="{Format.DatanetUrl(receipt.DatanetId)}">{receipt.DatanetId}</a> v{receipt.DatanetVersion}; spans found more than {text.MaxOccurrences} times are common phrases and were dropped ({text.DroppedAsCommon}). <b id="unattributed">{Format.Percent(unattributed)}</b> of the output's weight is unattributed (its part of the contributors' share goes to the protocol).</p>
            {Table(text.Spans, "corpus count")}
            """);
    }

    /// <summary>The spans table (<c>id="spans"</c>, one <c>tr.span</c> each), shared with <see cref="RagReceiptView"/>.</summary>
    public static Html Table(IReadOnlyList<TextSpan> spans, string countHeading)
    {
        var rows = Html.Join(spans.Select((s, i) => Html.Of($"""
            <tr class="span"><td class="num">{i + 1}</td><td class="num">{s.CharStart}–{s.CharEnd}</td><td class="num">{s.TokenStart}–{s.TokenStart + s.TokenLength}</td>
            <td class="num">{Format.Count(s.Count)}</td><td>{string.Join(", ", s.RowIds)}</td><td class="num">{Format.Number(s.SurprisalQ16 / 65536.0, "F1")}</td></tr>
            """)));
        return Html.Of($"""
            <table id="spans"><thead><tr><th class="num">#</th><th class="num">characters</th><th class="num">tokens</th><th class="num">{countHeading}</th><th>rows (documents)</th><th class="num">surprisal (bits)</th></tr></thead><tbody>{rows}</tbody></table>
            """);
    }
}
