namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// A sentence-embedding model: text in, a fixed-size vector out. Text classifiers use it for the features of their
/// documents (once per Datanet version) and of each query, so the built-in model and its exact influence apply to text.
/// Implementations are deterministic (the same text gives the same vector) and thread-safe.
/// </summary>
public interface ITextEmbedder
{
    /// <summary>Names the model and how it reads text; a matrix embedded under one name is never reused under another.</summary>
    string Name { get; }

    /// <summary>The size of every vector.</summary>
    int Dimension { get; }

    /// <summary>One vector of <see cref="Dimension"/> values per text, in order.</summary>
    float[][] Embed(IReadOnlyList<string> texts);
}
