using System.Buffers.Binary;
using System.Security.Cryptography;

namespace OpenLedger.Actors.Domain.Validation;

/// <summary>
/// The content hash of a contribution: SHA-256 over its features as little-endian IEEE-754 doubles
/// followed by its label as a little-endian 32-bit integer, as lower-case hex. Computed server-side.
/// </summary>
public static class ContentHash
{
    public static string Compute(IReadOnlyList<double> features, int label)
    {
        var bytes = new byte[features.Count * sizeof(double) + sizeof(int)];
        for (var k = 0; k < features.Count; k++)
            BinaryPrimitives.WriteDoubleLittleEndian(bytes.AsSpan(k * sizeof(double)), features[k]);
        BinaryPrimitives.WriteInt32LittleEndian(bytes.AsSpan(features.Count * sizeof(double)), label);
        return Convert.ToHexStringLower(SHA256.HashData(bytes));
    }
}
