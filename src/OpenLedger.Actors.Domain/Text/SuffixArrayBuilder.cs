using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// Suffix array construction in linear time by induced sorting (SA-IS: Nong, Zhang and Chan, 2009), over a 16-bit
/// token stream. <c>sa[r]</c> is the start of the r-th smallest suffix; a suffix that is a proper prefix of another
/// sorts first (the end of the text acts as a virtual sentinel smaller than every token).
/// <para>How it works, per level: classify each position S (its suffix is smaller than the next one) or L; sort the
/// LMS substrings (from one leftmost-S position to the next) by one induced pass; name them; if two names are equal,
/// sort the reduced string of names recursively (it is at most half as long), else its order is given; a final
/// induced pass from the sorted LMS suffixes sorts every suffix. The reduced string and its suffix array live inside
/// <c>sa</c> (the reduced string in the tail, its suffix array in the head), and the space between them holds the
/// recursion's buckets when it fits, so the working memory beyond the text and <c>sa</c> is one bit per position
/// (the S/L types) plus the alphabet's buckets.</para>
/// </summary>
public static class SuffixArrayBuilder
{
    /// <summary>How many entries ahead an induced pass prefetches the text (a hint only; any value is correct).</summary>
    private const int PrefetchDistance = 24;

    /// <summary>Bucket arrays up to this many entries are rented from the shared pool.</summary>
    private const int PooledBucketLimit = 1 << 20;

    /// <summary>The suffix array of <paramref name="text"/>.</summary>
    public static int[] Build(ReadOnlySpan<ushort> text)
    {
        var sa = GC.AllocateUninitializedArray<int>(text.Length);
        Build(text, sa);
        return sa;
    }

    /// <summary>Writes the suffix array of <paramref name="text"/> into <paramref name="sa"/> (same length).</summary>
    public static void Build(ReadOnlySpan<ushort> text, Span<int> sa)
    {
        if (sa.Length != text.Length) throw new ArgumentException("The suffix array must have the text's length.", nameof(sa));
        var alphabet = 0;
        foreach (var token in text) alphabet = Math.Max(alphabet, token + 1);
        Sort(text, sa, alphabet, []);
    }

    /// <summary>Sorts the suffixes of <paramref name="s"/> (symbols in [0, k)) into <paramref name="sa"/>; <paramref name="spare"/> is free memory the call may use.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Sort<T>(ReadOnlySpan<T> s, Span<int> sa, int k, Span<int> spare) where T : unmanaged, IBinaryInteger<T>
    {
        var n = s.Length;
        if (n == 0) return;
        if (n == 1)
        {
            sa[0] = 0;
            return;
        }

        var sType = ClassifyTypes(s);
        int[]? rented = null;
        Span<int> counts, bucket;
        if (spare.Length >= 2 * k)
        {
            counts = spare[..k];
            bucket = spare.Slice(k, k);
        }
        else
        {
            // Small bucket arrays come from the pool; large ones (a deep level's alphabet of names) are plain
            // allocations, so the pool does not keep hundreds of megabytes alive after the build.
            var buckets = 2 * k <= PooledBucketLimit ? rented = ArrayPool<int>.Shared.Rent(2 * k) : GC.AllocateUninitializedArray<int>(2 * k);
            counts = buckets.AsSpan(0, k);
            bucket = buckets.AsSpan(k, k);
        }
        try
        {
            counts.Clear();
            foreach (var symbol in s) counts[At(symbol)]++;

            // Step 1: LMS suffixes at the ends of their buckets, then two induced passes sort the LMS substrings.
            sa.Clear();
            BucketEnds(counts, bucket);
            for (var i = 1; i < n; i++)
            {
                if (IsLms(sType, i)) sa[--bucket[At(s[i])]] = i;
            }
            Induce(s, sa, counts, bucket);

            // Step 2: compact the sorted LMS positions to the head and name their substrings.
            var m = 0;
            for (var i = 0; i < n; i++)
            {
                if (i + PrefetchDistance < n) Prefetch(sType, sa[i + PrefetchDistance] >> 6);
                if (IsLms(sType, sa[i])) sa[m++] = sa[i];
            }
            var names = NameLmsSubstrings(s, sa, sType, m);

            // The reduced string (names in text order) goes to the tail of sa.
            var write = n - 1;
            for (var i = n - 1; i >= m; i--)
            {
                if (sa[i] != 0) sa[write--] = sa[i] - 1;
            }
            var reduced = sa[(n - m)..];
            var reducedSa = sa[..m];
            if (names < m)
            {
                Sort<int>(reduced, reducedSa, names, sa[m..(n - m)]);
            }
            else
            {
                for (var i = 0; i < m; i++) reducedSa[reduced[i]] = i;
            }

            // Step 3: LMS positions in text order replace the reduced string; map the sorted names back to positions.
            write = n - 1;
            for (var i = n - 1; i >= 1; i--)
            {
                if (IsLms(sType, i)) sa[write--] = i;
            }
            for (var i = 0; i < m; i++) sa[i] = reduced[sa[i]];
            sa[m..].Clear();
            BucketEnds(counts, bucket);
            for (var i = m - 1; i >= 0; i--)
            {
                if (i >= PrefetchDistance) Prefetch(s, sa[i - PrefetchDistance]);
                var position = sa[i];
                sa[i] = 0;
                sa[--bucket[At(s[position])]] = position;
            }
            Induce(s, sa, counts, bucket);
        }
        finally
        {
            if (rented is not null) ArrayPool<int>.Shared.Return(rented);
        }
    }

    /// <summary>One bit per position, set for S-type. The last position is L (the virtual sentinel is smaller).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static ulong[] ClassifyTypes<T>(ReadOnlySpan<T> s) where T : unmanaged, IBinaryInteger<T>
    {
        var n = s.Length;
        var types = new ulong[(n + 63) >> 6];
        var nextIsS = false;
        var next = At(s[n - 1]);
        for (var i = n - 2; i >= 0; i--)
        {
            var current = At(s[i]);
            var isS = current < next || (current == next && nextIsS);
            if (isS) types[i >> 6] |= 1UL << (i & 63);
            nextIsS = isS;
            next = current;
        }
        return types;
    }

    /// <summary>
    /// Names the m sorted LMS substrings held in sa[0, m): equal substrings get equal names, in sorted order. Each
    /// position's name (plus one) is stored at sa[m + position/2] (LMS positions are at least two apart, so the slots
    /// differ), every other slot of sa[m, n) is zero. Returns the number of distinct names.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int NameLmsSubstrings<T>(ReadOnlySpan<T> s, Span<int> sa, ulong[] sType, int m) where T : unmanaged, IBinaryInteger<T>
    {
        var n = s.Length;
        sa[m..].Clear();
        // The length of each LMS substring, up to and including the next LMS position; the last one runs into the
        // sentinel (length n − p + 1), which makes it unique.
        var nextLms = n;
        for (var i = n - 1; i >= 1; i--)
        {
            if (!IsLms(sType, i)) continue;
            sa[m + (i >> 1)] = nextLms - i + 1;
            nextLms = i;
        }

        var names = 0;
        int previous = -1, previousLength = 0;
        for (var r = 0; r < m; r++)
        {
            if (r + PrefetchDistance < m)
            {
                var ahead = sa[r + PrefetchDistance];
                Prefetch(s, ahead);
                Prefetch(sa, m + (ahead >> 1));
            }
            var position = sa[r];
            var length = sa[m + (position >> 1)];
            var same = previous >= 0 && length == previousLength && position + length <= n && previous + length <= n
                && s.Slice(position, length).SequenceEqual(s.Slice(previous, length));
            if (!same)
            {
                names++;
                previous = position;
                previousLength = length;
            }
            sa[m + (position >> 1)] = names;
        }
        return names;
    }

    /// <summary>
    /// The two induced passes. Entries carry a mark in their sign instead of a type lookup: when a suffix j is written,
    /// the type of j − 1 follows from comparing two adjacent tokens (for an L-type j, j − 1 is S-type iff its token is
    /// smaller; for an S-type j, j − 1 is L-type iff its token is larger), and j is stored negated when the next pass
    /// must not induce from it. The L pass scans left to right and flips each entry it passes; the S pass scans right
    /// to left, flipping back the entries it does not induce from. At the end every entry is a plain position again.
    /// Empty slots are 0 (suffix 0 has no predecessor, so it behaves like an empty slot in both passes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Induce<T>(ReadOnlySpan<T> s, Span<int> sa, ReadOnlySpan<int> counts, Span<int> bucket)
        where T : unmanaged, IBinaryInteger<T>
    {
        var n = s.Length;
        fixed (T* text = s)
        fixed (int* array = sa)
        fixed (int* buckets = bucket)
        {
            BucketStarts(counts, bucket);
            // The virtual sentinel induces the last suffix (always L-type) first.
            var j = n - 1;
            var current = At(text[j]);
            var b = buckets[current];
            array[b++] = j > 0 && At(text[j - 1]) < current ? ~j : j;
            for (var i = 0; i < n; i++)
            {
                // The scan reads the array in order but the text at random: fetch the text of entries ahead early.
                if (Sse.IsSupported && i + PrefetchDistance < n) Sse.Prefetch0(text + Unmarked(array[i + PrefetchDistance]) - 1);
                j = array[i];
                array[i] = ~j;
                if (j <= 0) continue;
                j--;
                var c = At(text[j]);
                if (c != current)
                {
                    buckets[current] = b;
                    current = c;
                    b = buckets[current];
                }
                array[b++] = j > 0 && At(text[j - 1]) < c ? ~j : j;
            }

            BucketEnds(counts, bucket);
            current = 0;
            b = buckets[0];
            for (var i = n - 1; i >= 0; i--)
            {
                if (Sse.IsSupported && i >= PrefetchDistance) Sse.Prefetch0(text + Unmarked(array[i - PrefetchDistance]) - 1);
                j = array[i];
                if (j <= 0)
                {
                    array[i] = ~j;
                    continue;
                }
                j--;
                var c = At(text[j]);
                if (c != current)
                {
                    buckets[current] = b;
                    current = c;
                    b = buckets[current];
                }
                array[--b] = j == 0 || At(text[j - 1]) > c ? ~j : j;
            }
        }
    }

    private static void BucketStarts(ReadOnlySpan<int> counts, Span<int> bucket)
    {
        var sum = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            bucket[c] = sum;
            sum += counts[c];
        }
    }

    private static void BucketEnds(ReadOnlySpan<int> counts, Span<int> bucket)
    {
        var sum = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            sum += counts[c];
            bucket[c] = sum;
        }
    }

    /// <summary>A hint to fetch <paramref name="items"/>[<paramref name="at"/>] into the cache (any index is safe: prefetches never fault).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch<T>(ReadOnlySpan<T> items, int at) where T : unmanaged
    {
        if (!Sse.IsSupported) return;
        fixed (T* first = items) Sse.Prefetch0(first + at);
    }

    /// <summary>The position an entry stands for, marked (negated) or not.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Unmarked(int entry) => entry ^ (entry >> 31);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int At<T>(T symbol) where T : unmanaged, IBinaryInteger<T> => int.CreateTruncating(symbol);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsS(ulong[] types, int i) => (types[i >> 6] & (1UL << (i & 63))) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLms(ulong[] types, int i) => i > 0 && IsS(types, i) && !IsS(types, i - 1);
}
