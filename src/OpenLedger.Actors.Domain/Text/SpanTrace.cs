namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// A span of an output found verbatim in the corpus: tokens [<see cref="TokenStart"/>, + <see cref="TokenLength"/>) of
/// the output, characters [<see cref="CharStart"/>, <see cref="CharEnd"/>) of its text, how often it occurs in the
/// corpus, every row holding it (ascending), and its surprisal (sum of its tokens', Q16 bits).
/// </summary>
public sealed record TracedSpan(int TokenStart, int TokenLength, int CharStart, int CharEnd, long Count, long[] RowIds, long SurprisalQ16)
{
    public int TokenEnd => TokenStart + TokenLength;
}

/// <summary>
/// The result of a span query: the kept spans in output order, each output token's surprisal (the weights the reward
/// rule shares out), and how many candidate spans were dropped as too common or beyond <see cref="SpanQueryOptions.MaxSpans"/>.
/// </summary>
public sealed record SpanTrace(
    int TokenCount,
    IReadOnlyList<TracedSpan> Spans,
    long[] TokenSurprisalQ16,
    long CorpusTokens,
    int CandidateSpans,
    int DroppedAsCommon,
    int DroppedBeyondMaxSpans,
    SpanQueryOptions Options);
