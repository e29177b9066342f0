namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// The parameters of a span query (<see cref="SpanTracer"/>), part of every receipt so it can be re-checked.
/// </summary>
/// <param name="MinTokens">A span shorter than this many tokens is not reported (short matches are coincidence).</param>
/// <param name="MaxOccurrences">A span occurring more often than this in the corpus is a common phrase: dropped. Every
/// kept span therefore lists all of its rows. The reward rule also tapers credit linearly towards this cut-off.</param>
/// <param name="MaxSpans">At most this many spans are kept: the most surprising (rarest) ones.</param>
public sealed record SpanQueryOptions(int MinTokens = 4, int MaxOccurrences = 100, int MaxSpans = 32)
{
    public static SpanQueryOptions Default { get; } = new();

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MinTokens, 1, nameof(MinTokens));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxOccurrences, 1, nameof(MaxOccurrences));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxOccurrences, 1_000_000, nameof(MaxOccurrences));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxSpans, 1, nameof(MaxSpans));
    }
}
