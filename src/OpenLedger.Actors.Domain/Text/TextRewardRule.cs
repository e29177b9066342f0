namespace OpenLedger.Actors.Domain.Text;

/// <summary>A row's (document's) weight in one text attribution.</summary>
public readonly record struct DocumentWeight(long RowId, long Weight);

/// <summary>
/// The outcome of <see cref="TextRewardRule"/>, in integer weight units (Q16 bits of surprisal): the documents paid
/// directly (at most the recipients cap, heaviest first, then by row id), the documents beyond the cap whose weight
/// goes to the receipt's document pool (listed, so the pool can be settled by its own transfers), and the
/// unattributed weight. <see cref="PaidWeight"/> + <see cref="PoolWeight"/> + <see cref="UnattributedWeight"/> =
/// <see cref="TotalWeight"/>, exactly.
/// </summary>
public sealed record TextAttributionWeights(
    IReadOnlyList<DocumentWeight> Documents,
    IReadOnlyList<DocumentWeight> PooledDocuments,
    long UnattributedWeight,
    long TotalWeight)
{
    public long PaidWeight => Documents.Sum(d => d.Weight);

    /// <summary>
    /// The rows of positive weight ordered heaviest first, then by row id; the first <paramref name="maxRecipients"/> paid
    /// directly, the rest pooled (the design's recipients cap).
    /// </summary>
    public static TextAttributionWeights Capped(IEnumerable<DocumentWeight> rows, long unattributedWeight, long totalWeight, int maxRecipients)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecipients, 0);
        var ordered = rows.Where(r => r.Weight > 0)
            .OrderByDescending(d => d.Weight).ThenBy(d => d.RowId)
            .ToList();
        return new TextAttributionWeights(ordered.Take(maxRecipients).ToList(), ordered.Skip(maxRecipients).ToList(), unattributedWeight, totalWeight);
    }

    public long PoolWeight => PooledDocuments.Sum(d => d.Weight);
}

/// <summary>
/// From a span trace to document weights — deterministic integer arithmetic in a fixed order, so any machine reproduces
/// a receipt from its spans, counts, rows and token surprisals:
/// <list type="number">
/// <item>Each output token t weighs w(t), its unigram surprisal in Q16 bits (<see cref="UnigramSurprisal"/>); the total
/// is the sum over the output.</item>
/// <item>A token covered by no kept span: its weight is unattributed. A token covered by k kept spans: each gets
/// ⌊w/k⌋, the remainder one unit each to the earliest-starting of them.</item>
/// <item>A span's credit C is what its tokens gave it. It keeps A = ⌊C · (M + 1 − count) / M⌋ (M = the query's
/// <see cref="SpanQueryOptions.MaxOccurrences"/>): a span found once keeps all of it, one found M times keeps 1/M — a
/// taper to the common-phrase cut-off. C − A is unattributed.</item>
/// <item>A is split equally over the distinct rows holding the span: ⌊A/r⌋ each, the remainder one unit each to the
/// lowest row ids.</item>
/// <item>A row's weight is the sum over spans. Rows with weight 0 are left out. Rows ordered by weight (heaviest
/// first), then row id; the first <c>maxRecipients</c> are paid directly, the rest go to the document pool (as the
/// design's recipients cap asks).</item>
/// </list>
/// </summary>
public static class TextRewardRule
{
    public static TextAttributionWeights Weigh(SpanTrace trace, int maxRecipients)
    {
        ArgumentNullException.ThrowIfNull(trace);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRecipients, 0);
        var weights = trace.TokenSurprisalQ16;
        if (weights.Length != trace.TokenCount) throw new ArgumentException("The trace needs one weight per output token.", nameof(trace));
        var spans = trace.Spans;
        var maxOccurrences = trace.Options.MaxOccurrences;

        long total = 0, unattributed = 0;
        var credits = new long[spans.Count];
        var covering = new List<int>();
        for (var t = 0; t < weights.Length; t++)
        {
            var w = weights[t];
            if (w < 0) throw new ArgumentException("Token weights must not be negative.", nameof(trace));
            total = checked(total + w);
            covering.Clear();
            for (var s = 0; s < spans.Count; s++)
            {
                if (spans[s].TokenStart <= t && t < spans[s].TokenEnd) covering.Add(s); // spans are in output order
            }
            if (covering.Count == 0)
            {
                unattributed += w;
                continue;
            }
            var share = w / covering.Count;
            var remainder = w % covering.Count;
            for (var k = 0; k < covering.Count; k++) credits[covering[k]] += share + (k < remainder ? 1 : 0);
        }

        var rows = new SortedDictionary<long, long>();
        for (var s = 0; s < spans.Count; s++)
        {
            var span = spans[s];
            if (span.Count < 1 || span.Count > maxOccurrences) throw new ArgumentException($"Span {s} has count {span.Count}, outside 1 … {maxOccurrences}.", nameof(trace));
            if (span.RowIds.Length == 0) throw new ArgumentException($"Span {s} names no rows.", nameof(trace));
            var kept = (long)((Int128)credits[s] * (maxOccurrences + 1 - span.Count) / maxOccurrences);
            unattributed += credits[s] - kept;
            var sorted = span.RowIds.Distinct().Order().ToArray();
            var each = kept / sorted.Length;
            var extra = kept % sorted.Length;
            for (var r = 0; r < sorted.Length; r++)
            {
                rows.TryGetValue(sorted[r], out var sum);
                rows[sorted[r]] = sum + each + (r < extra ? 1 : 0);
            }
        }

        return TextAttributionWeights.Capped(rows.Select(r => new DocumentWeight(r.Key, r.Value)), unattributed, total, maxRecipients);
    }
}
