namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// A text as GPT-2 tokens (<see cref="Gpt2TextTokenizer.Tokenize"/>): ids, each token's character range in
/// <see cref="Text"/>, and the boundaries a span query respects — where words start (a token with leading whitespace,
/// or the first visible token after whitespace or at the start), where a span may end (not between two letters or
/// digits of one word), and where each token's sentence ends.
/// </summary>
public sealed class TokenizedText
{
    private readonly int[] _charStarts;
    private readonly int[] _charEnds;
    private readonly bool[] _wordStarts;
    private readonly bool[] _wordEnds;
    private readonly int[] _sentenceEnds;

    internal TokenizedText(string text, ushort[] ids, int[] charStarts, int[] charEnds, bool[] wordStarts, bool[] wordEnds, int[] sentenceEnds)
    {
        Text = text;
        Ids = ids;
        _charStarts = charStarts;
        _charEnds = charEnds;
        _wordStarts = wordStarts;
        _wordEnds = wordEnds;
        _sentenceEnds = sentenceEnds;
    }

    public string Text { get; }

    public ushort[] Ids { get; }

    public int Count => Ids.Length;

    /// <summary>Token <paramref name="i"/> begins a word.</summary>
    public bool IsWordStart(int i) => _wordStarts[i];

    /// <summary>A span may end before token <paramref name="end"/> (or at the end of the text).</summary>
    public bool IsWordEnd(int end) => _wordEnds[end];

    /// <summary>The end (exclusive) of the sentence holding token <paramref name="i"/>.</summary>
    public int SentenceEnd(int i) => _sentenceEnds[i];

    /// <summary>The character range [start, end) in <see cref="Text"/> of tokens [<paramref name="start"/>, <paramref name="start"/> + <paramref name="length"/>).</summary>
    public (int Start, int End) CharRange(int start, int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, 1);
        return (_charStarts[start], _charEnds[start + length - 1]);
    }

    /// <summary>Positions of word starts, in order.</summary>
    public int[] WordStarts()
    {
        var starts = new List<int>();
        for (var i = 0; i < Ids.Length; i++)
        {
            if (_wordStarts[i]) starts.Add(i);
        }
        return [.. starts];
    }
}
