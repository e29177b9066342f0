namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// Okapi BM25's two parameters: <paramref name="K1"/> how quickly repeats of a term stop adding to a document's score
/// (0: presence only), <paramref name="B"/> how much a document's length normalises its term counts (0: none, 1: fully).
/// The defaults are the usual ones (Robertson and Zaragoza; Lucene's).
/// </summary>
public sealed record Bm25Parameters(double K1 = 1.2, double B = 0.75)
{
    public static Bm25Parameters Default { get; } = new();

    public void Validate()
    {
        if (!double.IsFinite(K1) || K1 < 0) throw new ArgumentOutOfRangeException(nameof(K1), K1, "k1 must be finite and ≥ 0.");
        if (!double.IsFinite(B) || B is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(B), B, "b must lie in [0, 1].");
    }
}
