namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// Texts as a feature matrix for the built-in trainer: row-major N × <see cref="ITextEmbedder.Dimension"/> doubles, one
/// row per text in order. Each text is embedded on its own (no padded batches), so a document's row is bit for bit the
/// features a query of the same text gets (<see cref="OfQuery"/>).
/// </summary>
public static class TextEmbeddingFeatures
{
    /// <summary>The matrix of <paramref name="texts"/>; <paramref name="embedded"/> hears the number of texts done after each one.</summary>
    public static double[] Of(ITextEmbedder embedder, IReadOnlyList<string> texts, Action<int>? embedded = null)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        ArgumentNullException.ThrowIfNull(texts);
        var dimension = embedder.Dimension;
        var features = new double[(long)texts.Count * dimension];
        for (var i = 0; i < texts.Count; i++)
        {
            Embed(embedder, texts[i], features.AsSpan(i * dimension, dimension));
            embedded?.Invoke(i + 1);
        }
        return features;
    }

    /// <summary>The features of one query text.</summary>
    public static double[] OfQuery(ITextEmbedder embedder, string text)
    {
        ArgumentNullException.ThrowIfNull(embedder);
        var features = new double[embedder.Dimension];
        Embed(embedder, text, features);
        return features;
    }

    private static void Embed(ITextEmbedder embedder, string text, Span<double> row)
    {
        var vectors = embedder.Embed([text]);
        if (vectors.Length != 1 || vectors[0].Length != row.Length)
            throw new InvalidOperationException($"The embedder '{embedder.Name}' did not return one vector of {row.Length} values.");
        var vector = vectors[0];
        for (var j = 0; j < row.Length; j++)
        {
            if (!float.IsFinite(vector[j])) throw new InvalidOperationException($"The embedder '{embedder.Name}' returned a value that is not finite.");
            row[j] = vector[j];
        }
    }
}
