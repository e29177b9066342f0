namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// How dense retrieval cuts documents for the embedder (<see cref="PassageSplitter"/>): passages of at most
/// <paramref name="MaxCharacters"/> characters (the embedder's window: MiniLM reads 500), at most
/// <paramref name="PerDocument"/> from a document's start. A document scores its best passage's similarity.
/// </summary>
public sealed record PassageOptions(int MaxCharacters, int PerDocument)
{
    /// <summary>The most passages a document may be cut into (bounds an index's size and its build time).</summary>
    public const int MaxPerDocument = 64;

    /// <summary>One window from the start (what a classifier's features read).</summary>
    public static PassageOptions FirstWindow { get; } = new(500, 1);

    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxCharacters, 2, nameof(MaxCharacters));
        ArgumentOutOfRangeException.ThrowIfLessThan(PerDocument, 1, nameof(PerDocument));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(PerDocument, MaxPerDocument, nameof(PerDocument));
    }
}
