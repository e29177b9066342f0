using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text;

public sealed class Gpt2TextTokenizerTests
{
    private static readonly Gpt2TextTokenizer Tokenizer = Gpt2TextTokenizer.Shared;

    [Fact]
    public void Ids_fit_in_16_bits_below_the_separator_and_decode_back()
    {
        foreach (var document in BundledText.Documents.Take(20))
        {
            var text = TextDocument.Create(document.Text).Document!.Text;
            var ids = Tokenizer.Encode(text);
            Assert.All(ids, id => Assert.True(id < Gpt2TextTokenizer.Separator));
            Assert.Equal(text, Tokenizer.Decode(ids));
        }
        Assert.Equal([15496, 995], Tokenizer.Encode("Hello world")); // GPT-2's own ids
        Assert.Throws<ArgumentException>(() => Tokenizer.Decode([Gpt2TextTokenizer.Separator]));
    }

    [Fact]
    public void Word_starts_word_ends_and_sentences_follow_the_text()
    {
        const string text = "The kernel's memory manager works.  It  frees pages!\n\nNew paragraph here";
        var tokenized = Tokenizer.Tokenize(text);
        var pieces = Enumerable.Range(0, tokenized.Count).Select(i => text[tokenized.CharRange(i, 1).Start..tokenized.CharRange(i, 1).End]).ToArray();
        Assert.Equal(text, string.Concat(pieces));

        var starts = tokenized.WordStarts().Select(i => pieces[i]).ToArray();
        Assert.Equal(["The", " kernel", " memory", " manager", " works", " It", " fre", " pages", "New", " paragraph", " here"], starts.Where(p => p.Trim().Length > 1).ToArray());
        Assert.DoesNotContain("'s", starts);      // inside a word
        Assert.DoesNotContain(" ", starts);       // whitespace alone starts nothing

        var fre = Array.IndexOf(pieces, " fre"); // " frees" is two tokens: " fre" + "es"
        Assert.Equal("es", pieces[fre + 1]);
        Assert.False(tokenized.IsWordStart(fre + 1));
        Assert.False(tokenized.IsWordEnd(fre + 1));
        var works = Array.IndexOf(pieces, " works");
        Assert.True(tokenized.IsWordEnd(works + 1));

        // Sentences: "... works." | "  It  frees pages!" | "\n\n" | "New paragraph here"
        var it = Array.IndexOf(pieces, " It");
        Assert.Equal(works + 2, tokenized.SentenceEnd(0));
        Assert.True(tokenized.SentenceEnd(it) > it);
        Assert.Equal(tokenized.Count, tokenized.SentenceEnd(Array.IndexOf(pieces, "New")));
        Assert.True(tokenized.SentenceEnd(it) <= Array.IndexOf(pieces, "New"));

        // A long word is several tokens: a span may not end between them.
        var word = Tokenizer.Tokenize(" antidisestablishmentarianism rules");
        Assert.True(word.Count > 2);
        Assert.True(word.IsWordStart(0));
        Assert.False(word.IsWordStart(1));
        Assert.False(word.IsWordEnd(1));
        Assert.True(word.IsWordEnd(word.Count - 1));
        Assert.True(word.IsWordEnd(word.Count));
    }
}
