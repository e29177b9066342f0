using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

/// <summary>SA-IS against a naive comparison sort, on random, repetitive and edge-case texts (fixed seeds, printed on failure).</summary>
public sealed class SuffixArrayBuilderTests
{
    [Fact]
    public void Edge_cases_sort_like_the_naive_sort()
    {
        ushort[][] cases =
        [
            [], [7], [0], [65535], [1, 1], [2, 1], [1, 2], [0, 0, 0, 0, 0, 0, 0, 0, 0],
            [65535, 0, 65535, 0, 65535], [3, 2, 1, 0], [0, 1, 2, 3], [1, 0, 1, 0, 1, 0, 1],
            [5, 5, 4, 5, 5, 4, 5, 5, 4, 5, 5], [0, 65535, 0, 65535, 65535, 0],
        ];
        foreach (var text in cases) AssertSorted(text, $"case [{string.Join(",", text)}]");
    }

    [Theory]
    [InlineData(1, 20_170)]
    [InlineData(2, 20_171)]
    [InlineData(3, 20_172)]
    [InlineData(4, 20_173)]
    [InlineData(26, 20_174)]
    [InlineData(256, 20_175)]
    [InlineData(50_258, 20_176)]
    public void Random_texts_sort_like_the_naive_sort(int alphabet, int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 300; trial++)
        {
            // The naive sort is cubic on a one-letter text: keep those short.
            var length = random.Next(0, trial < 200 ? 64 : alphabet == 1 ? 300 : 1_500);
            var text = new ushort[length];
            for (var i = 0; i < length; i++) text[i] = (ushort)random.Next(alphabet);
            AssertSorted(text, $"seed {seed}, trial {trial}, alphabet {alphabet}, length {length}");
        }
    }

    [Theory]
    [InlineData(20_180)]
    [InlineData(20_181)]
    public void Repetitive_texts_sort_like_the_naive_sort(int seed)
    {
        var random = new Random(seed);
        for (var trial = 0; trial < 60; trial++)
        {
            // A random block repeated with occasional mutations: deep recursion, long common prefixes.
            var block = new ushort[random.Next(1, 12)];
            for (var i = 0; i < block.Length; i++) block[i] = (ushort)random.Next(1 + trial % 5);
            var length = random.Next(1, 2_000);
            var text = new ushort[length];
            for (var i = 0; i < length; i++)
            {
                text[i] = random.Next(100) == 0 ? (ushort)random.Next(6) : block[i % block.Length];
            }
            AssertSorted(text, $"seed {seed}, trial {trial}, block {block.Length}, length {length}");
        }
    }

    [Fact]
    public void Fibonacci_words_and_runs_sort_like_the_naive_sort()
    {
        // Fibonacci words are the classic worst case for suffix sorting by doubling; runs test the L/S classification.
        var a = new List<ushort> { 0 };
        var b = new List<ushort> { 0, 1 };
        while (b.Count < 3_000) (a, b) = (b, [.. b, .. a]);
        AssertSorted(b.ToArray(), "Fibonacci word");
        AssertSorted(Enumerable.Repeat((ushort)9, 2_500).ToArray(), "a run of one token");
        AssertSorted(Enumerable.Range(0, 2_500).Select(i => (ushort)(i % 2 == 0 ? 3 : (i / 2) % 7)).ToArray(), "interleaved");
    }

    [Fact]
    public void A_larger_token_stream_with_separators_is_a_sorted_permutation()
    {
        var random = new Random(20_190);
        var text = new ushort[200_000];
        for (var i = 0; i < text.Length; i++) text[i] = i % 97 == 96 ? Gpt2TextTokenizer.Separator : (ushort)random.Next(40);
        var sa = SuffixArrayBuilder.Build(text);
        var seen = new bool[text.Length];
        foreach (var p in sa)
        {
            Assert.False(seen[p], "seed 20190: a position appears twice");
            seen[p] = true;
        }
        for (var r = 1; r < sa.Length; r++)
        {
            Assert.True(Compare(text, sa[r - 1], sa[r]) < 0, $"seed 20190: rank {r} is out of order");
        }
    }

    private static void AssertSorted(ushort[] text, string context)
    {
        var expected = Enumerable.Range(0, text.Length).ToArray();
        Array.Sort(expected, (x, y) => Compare(text, x, y));
        var actual = SuffixArrayBuilder.Build(text);
        Assert.True(expected.AsSpan().SequenceEqual(actual), $"{context}: SA-IS differs from the naive sort");
    }

    private static int Compare(ushort[] text, int x, int y) =>
        x == y ? 0 : text.AsSpan(x).SequenceCompareTo(text.AsSpan(y));
}
