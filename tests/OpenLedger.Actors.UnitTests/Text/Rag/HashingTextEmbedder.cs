using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.UnitTests.Text.Rag;

/// <summary>
/// A deterministic stand-in for a sentence embedder in unit tests: each word (<see cref="TextWords"/>) adds ±1 to one of
/// <see cref="Dimension"/> buckets chosen by its hash (the "hashing trick"), so texts sharing words point the same way.
/// </summary>
internal sealed class HashingTextEmbedder(int dimension = 64) : ITextEmbedder
{
    public string Name => $"hashing-words/{dimension}";

    public int Dimension => dimension;

    public int Calls { get; private set; }

    public float[][] Embed(IReadOnlyList<string> texts)
    {
        Calls += texts.Count;
        return texts.Select(text =>
        {
            var vector = new float[dimension];
            foreach (var word in TextWords.Hashes(text))
            {
                var mixed = word * 0x9e3779b97f4a7c15UL;
                vector[(int)(mixed >> 33) % dimension] += (mixed & 1) == 0 ? 1 : -1;
            }
            return vector;
        }).ToArray();
    }
}
