namespace OpenLedger.Actors.Domain.Text;

/// <summary>A candidate span of an output: tokens [Start, Start + Length).</summary>
public readonly record struct SpanCandidate(int Start, int Length);

/// <summary>
/// The span query (in the spirit of Infini-gram and OLMoTrace): which spans of a language model's output occur
/// verbatim in a text corpus, and in which rows. Steps, each a pure function so a coordinator can run the shard calls
/// between them (locally: <see cref="Trace"/>):
/// <list type="number">
/// <item><see cref="MatchRequests"/>: every word start of the output, limited to the end of its sentence.</item>
/// <item>Each shard's <see cref="SuffixArrayIndex.LongestMatches"/>, merged by <see cref="MergeLongestMatches"/> (the
/// longest of the shards' is the longest in the corpus).</item>
/// <item><see cref="Candidates"/>: each match cut back to the end of a word; kept when at least
/// <see cref="SpanQueryOptions.MinTokens"/> long and maximal (not inside an earlier start's span).</item>
/// <item>Each shard's <see cref="SuffixArrayIndex.Occurrences"/> per candidate, merged by <see cref="MergeOccurrences"/>.</item>
/// <item><see cref="Finish"/>: spans occurring more than <see cref="SpanQueryOptions.MaxOccurrences"/> times dropped as
/// common; the rest ranked by surprisal (sum of their tokens' unigram surprisal, ties by position), the top
/// <see cref="SpanQueryOptions.MaxSpans"/> kept, in output order.</item>
/// </list>
/// Exact by construction: the same answer from one index or any split of it into shards.
/// </summary>
public static class SpanTracer
{
    /// <summary>One index, or the shards of one corpus, queried in process.</summary>
    public static SpanTrace Trace(IReadOnlyList<SuffixArrayIndex> shards, TokenizedText output, SpanQueryOptions? options = null, UnigramSurprisal? surprisal = null)
    {
        ArgumentNullException.ThrowIfNull(shards);
        ArgumentNullException.ThrowIfNull(output);
        if (shards.Count == 0) throw new ArgumentException("At least one shard is needed.", nameof(shards));
        options ??= SpanQueryOptions.Default;
        options.Validate();
        surprisal ??= UnigramSurprisal.OfShards(shards);

        var (starts, ends) = MatchRequests(output);
        var lengths = MergeLongestMatches(shards.Select(shard => shard.LongestMatches(output.Ids, starts, ends)));
        var candidates = Candidates(output, starts, lengths, options);
        var occurrences = new SpanOccurrences[candidates.Count];
        for (var c = 0; c < candidates.Count; c++)
        {
            var pattern = output.Ids.AsSpan(candidates[c].Start, candidates[c].Length);
            var perShard = new SpanOccurrences[shards.Count];
            for (var s = 0; s < shards.Count; s++) perShard[s] = shards[s].Occurrences(pattern, options.MaxOccurrences);
            occurrences[c] = MergeOccurrences(perShard, options.MaxOccurrences);
        }
        return Finish(output, candidates, occurrences, surprisal, options);
    }

    /// <summary>Step 1: the word starts of the output, each with the end (exclusive) of its sentence.</summary>
    public static (int[] Starts, int[] Ends) MatchRequests(TokenizedText output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var starts = output.WordStarts();
        var ends = new int[starts.Length];
        for (var k = 0; k < starts.Length; k++) ends[k] = output.SentenceEnd(starts[k]);
        return (starts, ends);
    }

    /// <summary>Step 2's merge: per start, the longest of the shards' matches.</summary>
    public static int[] MergeLongestMatches(IEnumerable<int[]> perShard)
    {
        ArgumentNullException.ThrowIfNull(perShard);
        int[]? merged = null;
        foreach (var lengths in perShard)
        {
            if (merged is null)
            {
                merged = (int[])lengths.Clone();
                continue;
            }
            if (lengths.Length != merged.Length) throw new ArgumentException("Shards answered for different numbers of starts.", nameof(perShard));
            for (var k = 0; k < merged.Length; k++) merged[k] = Math.Max(merged[k], lengths[k]);
        }
        return merged ?? throw new ArgumentException("No shard answered.", nameof(perShard));
    }

    /// <summary>
    /// Step 3: the candidate spans — each start's longest match cut back so it ends at a word end, kept when at least
    /// the minimum length and not contained in the span of an earlier start (maximal).
    /// </summary>
    public static IReadOnlyList<SpanCandidate> Candidates(TokenizedText output, ReadOnlySpan<int> starts, ReadOnlySpan<int> lengths, SpanQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        if (starts.Length != lengths.Length) throw new ArgumentException("Starts and lengths must pair up.", nameof(lengths));
        var candidates = new List<SpanCandidate>();
        var furthestEnd = 0;
        for (var k = 0; k < starts.Length; k++)
        {
            var start = starts[k];
            var length = lengths[k];
            if (k > 0 && start <= starts[k - 1]) throw new ArgumentException("Starts must increase.", nameof(starts));
            if (length < 0 || start + length > output.Count) throw new ArgumentOutOfRangeException(nameof(lengths), $"Length {length} at {start} leaves the output.");
            while (length > 0 && !output.IsWordEnd(start + length)) length--;
            if (length == 0 || start + length <= furthestEnd) continue;
            furthestEnd = start + length;
            if (length >= options.MinTokens) candidates.Add(new SpanCandidate(start, length));
        }
        return candidates;
    }

    /// <summary>Step 4's merge: counts add up; rows unite when the total is within the listing limit (then every shard listed its own).</summary>
    public static SpanOccurrences MergeOccurrences(IReadOnlyList<SpanOccurrences> perShard, int listLimit)
    {
        ArgumentNullException.ThrowIfNull(perShard);
        long count = 0;
        foreach (var shard in perShard) count += shard.Count;
        if (count > listLimit) return new SpanOccurrences(count, null);
        var rows = new SortedSet<long>();
        foreach (var shard in perShard)
        {
            if (shard.Count == 0) continue;
            if (shard.RowIds is null) throw new ArgumentException("A shard within the listing limit did not list its rows.", nameof(perShard));
            rows.UnionWith(shard.RowIds);
        }
        return new SpanOccurrences(count, [.. rows]);
    }

    /// <summary>Step 5: drop common spans, keep the most surprising, in output order.</summary>
    public static SpanTrace Finish(TokenizedText output, IReadOnlyList<SpanCandidate> candidates, IReadOnlyList<SpanOccurrences> occurrences,
        UnigramSurprisal surprisal, SpanQueryOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(occurrences);
        ArgumentNullException.ThrowIfNull(surprisal);
        ArgumentNullException.ThrowIfNull(options);
        if (candidates.Count != occurrences.Count) throw new ArgumentException("Every candidate needs its occurrences.", nameof(occurrences));

        var tokenSurprisal = new long[output.Count];
        for (var i = 0; i < output.Count; i++) tokenSurprisal[i] = surprisal.Of(output.Ids[i]);

        var spans = new List<TracedSpan>();
        var common = 0;
        for (var c = 0; c < candidates.Count; c++)
        {
            var (start, length) = candidates[c];
            var found = occurrences[c];
            if (found.Count == 0) throw new ArgumentException($"Candidate {c} was matched but has no occurrences.", nameof(occurrences));
            if (found.Count > options.MaxOccurrences || found.RowIds is null)
            {
                common++;
                continue;
            }
            long spanSurprisal = 0;
            for (var i = start; i < start + length; i++) spanSurprisal += tokenSurprisal[i];
            var (charStart, charEnd) = output.CharRange(start, length);
            spans.Add(new TracedSpan(start, length, charStart, charEnd, found.Count, found.RowIds, spanSurprisal));
        }

        var kept = spans
            .OrderByDescending(s => s.SurprisalQ16).ThenBy(s => s.TokenStart)
            .Take(options.MaxSpans)
            .OrderBy(s => s.TokenStart)
            .ToList();
        return new SpanTrace(output.Count, kept, tokenSurprisal, surprisal.TotalTokens, candidates.Count, common, spans.Count - kept.Count, options);
    }
}
