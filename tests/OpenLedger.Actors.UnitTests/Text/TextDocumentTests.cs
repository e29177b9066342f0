using System.Text;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

public sealed class TextDocumentTests
{
    [Fact]
    public void Equal_texts_in_different_encodings_normalise_and_hash_equally()
    {
        var composed = TextDocument.Create("Caf\u00e9 menu\r\nline two\rline three\u2028four  \n\n").Document!;
        var decomposed = TextDocument.Create("\uFEFFCafe\u0301 menu\nline two\nline three\nfour").Document!;
        Assert.Equal("Caf\u00e9 menu\nline two\nline three\nfour", composed.Text);
        Assert.Equal(composed, decomposed);
        Assert.Equal(64, composed.ContentHash.Length);
        Assert.Equal(TextDocument.HashOf(composed.Text), composed.ContentHash);
        Assert.NotEqual(composed.ContentHash, TextDocument.Create("Caf\u00e9 menu").Document!.ContentHash);
    }

    [Fact]
    public void Control_characters_become_spaces_tabs_and_newlines_stay()
    {
        Assert.Equal("a b\tc\nd e", TextDocument.Create("a\u0007b\tc\nd\u000ce").Document!.Text);
    }

    [Theory]
    [InlineData(null, "text.missing")]
    [InlineData("", "text.empty")]
    [InlineData(" \n\t \r\n", "text.empty")]
    [InlineData("binary\0data", "text.binary")]
    public void Bad_text_is_refused_with_a_code(string? raw, string code)
    {
        var (document, problem) = TextDocument.Create(raw);
        Assert.Null(document);
        Assert.Equal(code, problem!.Code);
    }

    [Fact]
    public void Lone_surrogates_are_refused()
    {
        Assert.Equal("text.invalid_utf16", TextDocument.Create(new string(['a', '\ud800', 'b'])).Problem!.Code);
        Assert.Equal("text.invalid_utf16", TextDocument.Create(new string(['a', '\udc00'])).Problem!.Code);
        Assert.Equal("text.invalid_utf16", TextDocument.Create(new string(['a', '\ud800'])).Problem!.Code);
        Assert.Equal("\ud83d\ude00 ok", TextDocument.Create("\ud83d\ude00 ok").Document!.Text);
    }

    [Fact]
    public void Invalid_utf8_and_oversized_text_are_refused()
    {
        Assert.Equal("text.invalid_utf8", TextDocument.Create([0x61, 0xC3, 0x28]).Problem!.Code);
        Assert.Equal("text.too_large", TextDocument.Create(new string('x', 101), maxBytes: 100).Problem!.Code);
        Assert.Equal("text.too_large", TextDocument.Create(new string('x', 10_000), maxBytes: 100).Problem!.Code);
        Assert.Equal("text.too_large", TextDocument.Create(string.Concat(Enumerable.Repeat("\u00e9", 51)), maxBytes: 100).Problem!.Code); // 102 bytes
        Assert.NotNull(TextDocument.Create(string.Concat(Enumerable.Repeat("\u00e9", 50)), maxBytes: 100).Document);
        Assert.Equal("h\u00e9llo", TextDocument.Create(Encoding.UTF8.GetBytes("h\u00e9llo")).Document!.Text);
    }

    [Fact]
    public void Near_duplicates_are_found_and_different_texts_are_not()
    {
        var documents = BundledText.Documents.Take(40).Select(d => TextDocument.Create(d.Text).Document!.Text).ToList();
        var index = new NearDuplicateTextIndex();
        for (var row = 0; row < documents.Count; row++) index.Add(row, MinHashSignature.Of(documents[row]));

        // One word in fifty changed: still a near-duplicate of its original.
        var words = documents[7].Split(' ');
        for (var w = 0; w < words.Length; w += 50) words[w] = "changed";
        var edited = index.FindDuplicate(MinHashSignature.Of(string.Join(' ', words)));
        Assert.NotNull(edited);
        Assert.Equal(7, edited.RowId);
        Assert.True(edited.EstimatedJaccard >= NearDuplicateTextIndex.DefaultThreshold);

        // A different document of the corpus is not a duplicate of any other.
        var other = BundledText.Documents.Skip(40).First(d => d.Text.Length > 2_000);
        Assert.Null(index.FindDuplicate(MinHashSignature.Of(TextDocument.Create(other.Text).Document!.Text)));
        Assert.Throws<ArgumentException>(() => index.Add(7, MinHashSignature.Of("again")));
    }

    [Fact]
    public void MinHash_estimates_the_jaccard_similarity_of_shingles()
    {
        const int seed = 16_031;
        var random = new Random(seed);
        var vocabulary = Enumerable.Range(0, 400).Select(i => $"w{i}").ToArray();
        for (var trial = 0; trial < 20; trial++)
        {
            var a = Enumerable.Range(0, 300).Select(_ => vocabulary[random.Next(vocabulary.Length)]).ToArray();
            var b = (string[])a.Clone();
            var changes = random.Next(0, 60);
            for (var c = 0; c < changes; c++) b[random.Next(b.Length)] = vocabulary[random.Next(vocabulary.Length)];
            var exact = Jaccard(Shingles(a), Shingles(b));
            var estimate = MinHashSignature.Of(string.Join(' ', a)).EstimateJaccard(MinHashSignature.Of(string.Join(' ', b)));
            Assert.True(Math.Abs(exact - estimate) < 0.15, $"seed {seed}, trial {trial}: exact {exact:F3}, estimate {estimate:F3}");
        }
    }

    private static HashSet<string> Shingles(string[] words) =>
        Enumerable.Range(0, words.Length - MinHashSignature.WordsPerShingle + 1).Select(i => string.Join(' ', words, i, MinHashSignature.WordsPerShingle)).ToHashSet();

    private static double Jaccard(HashSet<string> a, HashSet<string> b) => (double)a.Intersect(b).Count() / a.Union(b).Count();
}
