using System.Runtime.InteropServices;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>A document of a text Datanet version as GPT-2 token ids, under its row id.</summary>
public sealed record IndexedDocument(long RowId, ushort[] Tokens);

/// <summary>How often a token sequence occurs in an index, and — when it occurs at most the listing limit — the distinct rows holding it (ascending).</summary>
public sealed record SpanOccurrences(long Count, long[]? RowIds);

/// <summary>
/// One shard of a text index: the token stream of its documents, each ended by <see cref="Gpt2TextTokenizer.Separator"/>,
/// its suffix array (<see cref="SuffixArrayBuilder"/>), the row-offset table (where each document starts, its row id)
/// and the unigram counts of its tokens. Immutable and thread-safe once built.
/// <para>Separators never match across documents: a query never holds the separator (refused), so no match can span
/// one, and since the stream ends with one, every match stops before the stream does.</para>
/// <para>Queries: <see cref="LongestMatches"/> (for each start of an output, the longest prefix found anywhere) and
/// <see cref="Occurrences"/> (how often a sequence occurs and in which rows). Both narrow an interval of the suffix
/// array token by token: the first token's interval comes from a table, each next token by binary search inside the
/// interval, and once at most <see cref="DirectScanLimit"/> suffixes remain they are compared directly.</para>
/// <para>Size: 2 bytes per token (stream) + 4 per token (suffix array) + 12 per document + 0.6 MB of tables; at most
/// 2³¹ − 1 tokens per shard (larger corpora are split: <see cref="SpanIndexShards"/>).</para>
/// </summary>
public sealed class SuffixArrayIndex
{
    /// <summary>Below this many candidate suffixes, a query compares them directly instead of bisecting.</summary>
    public const int DirectScanLimit = 16;

    private readonly ushort[] _stream;
    private readonly int[] _suffixArray;
    private readonly int[] _documentStarts;
    private readonly long[] _rowIds;
    private readonly long[] _unigramCounts;
    private readonly int[] _firstTokenStarts;

    internal SuffixArrayIndex(ushort[] stream, int[] suffixArray, int[] documentStarts, long[] rowIds)
    {
        _stream = stream;
        _suffixArray = suffixArray;
        _documentStarts = documentStarts;
        _rowIds = rowIds;
        _unigramCounts = new long[Gpt2TextTokenizer.VocabularySize];
        var tableCounts = new int[Gpt2TextTokenizer.Separator + 2];
        foreach (var token in stream) tableCounts[token + 1]++;
        for (var t = 0; t < _unigramCounts.Length; t++) _unigramCounts[t] = tableCounts[t + 1];
        for (var t = 1; t < tableCounts.Length; t++) tableCounts[t] += tableCounts[t - 1];
        _firstTokenStarts = tableCounts;
    }

    /// <summary>Builds the index of <paramref name="documents"/> (row ids distinct, tokens from the vocabulary).</summary>
    public static SuffixArrayIndex Build(IReadOnlyList<IndexedDocument> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        long length = 0;
        var rows = new HashSet<long>();
        foreach (var document in documents)
        {
            if (!rows.Add(document.RowId)) throw new ArgumentException($"Row {document.RowId} appears twice.", nameof(documents));
            length += document.Tokens.Length + 1;
        }
        if (length > int.MaxValue) throw new ArgumentException("The documents exceed one shard's 2³¹ − 1 tokens; split them (SpanIndexShards).", nameof(documents));
        var stream = GC.AllocateUninitializedArray<ushort>((int)length);
        var position = 0;
        foreach (var document in documents)
        {
            document.Tokens.CopyTo(stream, position);
            position += document.Tokens.Length;
            stream[position++] = Gpt2TextTokenizer.Separator;
        }
        return FromStream(stream, documents.Select(d => d.RowId).ToArray());
    }

    /// <summary>
    /// Builds the index of a token stream whose documents each end with the separator; <paramref name="rowIds"/> names
    /// them in order. The stream is kept (not copied).
    /// </summary>
    public static SuffixArrayIndex FromStream(ushort[] stream, long[] rowIds)
    {
        var starts = ValidateStream(stream, rowIds);
        return new SuffixArrayIndex(stream, SuffixArrayBuilder.Build(stream), starts, rowIds);
    }

    /// <summary>As <see cref="FromStream(ushort[], long[])"/> with a suffix array the caller built (the benchmark times the build alone).</summary>
    internal static SuffixArrayIndex FromStream(ushort[] stream, long[] rowIds, int[] suffixArray)
    {
        var starts = ValidateStream(stream, rowIds);
        if (suffixArray.Length != stream.Length) throw new ArgumentException("The suffix array must have the stream's length.", nameof(suffixArray));
        return new SuffixArrayIndex(stream, suffixArray, starts, rowIds);
    }

    /// <summary>Checks a stream (vocabulary ids, each document ended by a separator, the last token a separator) and returns where its documents start.</summary>
    internal static int[] ValidateStream(ReadOnlySpan<ushort> stream, long[] rowIds)
    {
        ArgumentNullException.ThrowIfNull(rowIds);
        if (stream.Length > 0 && stream[^1] != Gpt2TextTokenizer.Separator) throw new ArgumentException("The token stream must end with the separator.", nameof(stream));
        var starts = new int[rowIds.Length];
        var document = 0;
        var start = 0;
        for (var i = 0; i < stream.Length; i++)
        {
            var token = stream[i];
            if (token == Gpt2TextTokenizer.Separator)
            {
                if (document >= rowIds.Length) throw new ArgumentException("The stream holds more documents than row ids.", nameof(rowIds));
                starts[document++] = start;
                start = i + 1;
            }
            else if (token > Gpt2TextTokenizer.Separator)
            {
                throw new ArgumentException($"Token {token} at {i} is outside the GPT-2 vocabulary.", nameof(stream));
            }
        }
        if (document != rowIds.Length) throw new ArgumentException($"The stream holds {document} documents, {rowIds.Length} row ids were given.", nameof(rowIds));
        if (rowIds.Distinct().Count() != rowIds.Length) throw new ArgumentException("Row ids must be distinct.", nameof(rowIds));
        return starts;
    }

    /// <summary>Tokens of the documents, separators excluded.</summary>
    public long TokenCount => _stream.Length - _rowIds.Length;

    public int DocumentCount => _rowIds.Length;

    /// <summary>The token stream (documents each followed by the separator).</summary>
    public ReadOnlySpan<ushort> Stream => _stream;

    public ReadOnlySpan<int> SuffixArray => _suffixArray;

    /// <summary>Where each document starts in <see cref="Stream"/>.</summary>
    public ReadOnlySpan<int> DocumentStarts => _documentStarts;

    public ReadOnlySpan<long> RowIds => _rowIds;

    /// <summary>How often each vocabulary id occurs in the documents.</summary>
    public ReadOnlySpan<long> UnigramCounts => _unigramCounts;

    /// <summary>The row holding stream position <paramref name="position"/>.</summary>
    public long RowAt(int position)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(position);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(position, _stream.Length);
        var index = Array.BinarySearch(_documentStarts, position);
        return _rowIds[index >= 0 ? index : ~index - 1];
    }

    /// <summary>
    /// For each start, the length of the longest prefix of <paramref name="output"/>[starts[k], ends[k]) that occurs
    /// in the index (0 when not even its first token does).
    /// </summary>
    public int[] LongestMatches(ReadOnlySpan<ushort> output, ReadOnlySpan<int> starts, ReadOnlySpan<int> ends)
    {
        ValidateQuery(output);
        if (starts.Length != ends.Length) throw new ArgumentException("Starts and ends must pair up.", nameof(ends));
        var lengths = new int[starts.Length];
        for (var k = 0; k < starts.Length; k++)
        {
            if (starts[k] < 0 || ends[k] < starts[k] || ends[k] > output.Length)
                throw new ArgumentOutOfRangeException(nameof(starts), $"Range [{starts[k]}, {ends[k]}) is outside the output.");
            lengths[k] = LongestMatch(output[starts[k]..ends[k]]);
        }
        return lengths;
    }

    /// <summary>How often <paramref name="pattern"/> occurs, and its distinct rows when it occurs at most <paramref name="listLimit"/> times.</summary>
    public SpanOccurrences Occurrences(ReadOnlySpan<ushort> pattern, int listLimit)
    {
        ValidateQuery(pattern);
        ArgumentOutOfRangeException.ThrowIfNegative(listLimit);
        if (pattern.IsEmpty) throw new ArgumentException("The pattern is empty.", nameof(pattern));
        var (lo, hi) = Find(pattern);
        var count = hi - lo;
        if (count > listLimit) return new SpanOccurrences(count, null);
        var rows = new SortedSet<long>();
        for (var r = lo; r < hi; r++) rows.Add(RowAt(_suffixArray[r]));
        return new SpanOccurrences(count, [.. rows]);
    }

    /// <summary>The suffix-array interval [lo, hi) of the suffixes starting with <paramref name="pattern"/>.</summary>
    public (int Lo, int Hi) Find(ReadOnlySpan<ushort> pattern)
    {
        ValidateQuery(pattern);
        if (pattern.IsEmpty) return (0, _suffixArray.Length);
        var lo = _firstTokenStarts[pattern[0]];
        var hi = _firstTokenStarts[pattern[0] + 1];
        for (var depth = 1; depth < pattern.Length && lo < hi; depth++)
        {
            if (hi - lo <= DirectScanLimit)
            {
                // The suffixes that match the whole pattern are a contiguous run of the interval.
                var rest = pattern[depth..];
                var first = lo;
                while (first < hi && !Matches(first, depth, rest)) first++;
                var last = first;
                while (last < hi && Matches(last, depth, rest)) last++;
                return (first, last);
            }
            (lo, hi) = Narrow(lo, hi, depth, pattern[depth]);
        }
        return (lo, hi);
    }

    private int LongestMatch(ReadOnlySpan<ushort> query)
    {
        if (query.IsEmpty) return 0;
        var lo = _firstTokenStarts[query[0]];
        var hi = _firstTokenStarts[query[0] + 1];
        if (lo == hi) return 0;
        var depth = 1;
        while (depth < query.Length)
        {
            if (hi - lo <= DirectScanLimit)
            {
                var rest = query[depth..];
                var best = 0;
                for (var r = lo; r < hi && best < rest.Length; r++)
                {
                    best = Math.Max(best, rest.CommonPrefixLength(_stream.AsSpan(_suffixArray[r] + depth)));
                }
                return depth + best;
            }
            var (narrowLo, narrowHi) = Narrow(lo, hi, depth, query[depth]);
            if (narrowLo == narrowHi) return depth;
            (lo, hi) = (narrowLo, narrowHi);
            depth++;
        }
        return depth;
    }

    private bool Matches(int rank, int depth, ReadOnlySpan<ushort> rest) =>
        _stream.AsSpan(_suffixArray[rank] + depth).StartsWith(rest);

    /// <summary>
    /// Within [lo, hi), whose suffixes share their first <paramref name="depth"/> tokens (so they are sorted by the token
    /// at that depth), the sub-interval whose token at that depth is <paramref name="token"/>. Every such suffix has a
    /// token at that depth: the shared prefix holds no separator, and a separator ends the stream. One bisection until it
    /// meets the token, then the two ends are sought apart, each in its own part (an equal-range search: about
    /// log₂(hi − lo) + log₂(sub-interval) probes instead of two full bisections).
    /// </summary>
    private (int Lo, int Hi) Narrow(int lo, int hi, int depth, ushort token)
    {
        var sa = _suffixArray;
        var stream = _stream;
        while (lo < hi)
        {
            var middle = (int)((uint)(lo + hi) >> 1);
            var key = stream[sa[middle] + depth];
            if (key < token)
            {
                lo = middle + 1;
            }
            else if (key > token)
            {
                hi = middle;
            }
            else
            {
                // [lo, middle) holds the start, (middle, hi) the end.
                int left = lo, right = middle;
                while (left < right)
                {
                    var probe = (int)((uint)(left + right) >> 1);
                    if (stream[sa[probe] + depth] < token) left = probe + 1;
                    else right = probe;
                }
                var start = left;
                left = middle + 1;
                right = hi;
                while (left < right)
                {
                    var probe = (int)((uint)(left + right) >> 1);
                    if (stream[sa[probe] + depth] <= token) left = probe + 1;
                    else right = probe;
                }
                return (start, left);
            }
        }
        return (lo, lo);
    }

    private static void ValidateQuery(ReadOnlySpan<ushort> tokens)
    {
        foreach (var token in tokens)
        {
            if (token >= Gpt2TextTokenizer.VocabularySize)
                throw new ArgumentException($"Token {token} is not a GPT-2 id (the separator and ids beyond it never occur in queries).", nameof(tokens));
        }
    }

    internal ReadOnlySpan<byte> StreamBytes => MemoryMarshal.AsBytes(_stream.AsSpan());

    internal ReadOnlySpan<byte> SuffixArrayBytes => MemoryMarshal.AsBytes(_suffixArray.AsSpan());
}
