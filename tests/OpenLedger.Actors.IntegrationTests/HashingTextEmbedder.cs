using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>A fast stand-in embedder for tests: a hashed bag of lower-cased words, 32 buckets, unit length.</summary>
internal sealed class HashingTextEmbedder : ITextEmbedder
{
    public string Name => "hashing-bag-of-words/32";

    public int Dimension => 32;

    public float[][] Embed(IReadOnlyList<string> texts) => texts.Select(Vector).ToArray();

    private static float[] Vector(string text)
    {
        var vector = new float[32];
        foreach (var word in text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            vector[SHA256.HashData(Encoding.UTF8.GetBytes(word))[0] % 32] += 1;
        var norm = MathF.Sqrt(vector.Sum(v => v * v));
        if (norm > 0) for (var i = 0; i < vector.Length; i++) vector[i] /= norm;
        return vector;
    }
}
