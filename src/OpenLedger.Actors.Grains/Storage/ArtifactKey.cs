using System.Security.Cryptography;

namespace OpenLedger.Actors.Grains.Storage;

public static class ArtifactKey
{
    public static string Of(ReadOnlySpan<byte> content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Throws when stored bytes do not hash to their key (corruption or a wrong store).</summary>
    public static void Verify(string key, ReadOnlySpan<byte> content)
    {
        var actual = Of(content);
        if (!string.Equals(actual, key, StringComparison.Ordinal))
            throw new InvalidDataException($"Artifact {key} failed its integrity check (content hashes to {actual}).");
    }
}
