using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>
/// API keys look like <c>olk_{keyId}_{secret}</c>: the key id (public, 16 hex digits) names the record, the secret
/// is 32 random bytes (base64url). Only the SHA-256 of the whole key is stored; it is compared in constant time.
/// </summary>
public static class ApiKeyFormat
{
    public const string HeaderName = "X-Api-Key";
    private const string Prefix = "olk_";
    private const int MaxKeyLength = 128;

    /// <summary>A key with a random, unsigned id: for keys given in configuration (looked up in memory, never in storage).</summary>
    public static (string KeyId, string ApiKey) Generate() => Generate(Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)));

    /// <summary>A key under <paramref name="keyId"/> (issued keys: a <see cref="KeyIdSigner"/>-signed id) with a 32-byte random secret.</summary>
    public static (string KeyId, string ApiKey) Generate(string keyId) => (keyId, $"{Prefix}{keyId}_{Base64Url(RandomNumberGenerator.GetBytes(32))}");

    /// <summary>The key id of a well-formed key, else null.</summary>
    public static string? KeyIdOf(string? apiKey)
    {
        if (apiKey is null || apiKey.Length > MaxKeyLength || !apiKey.StartsWith(Prefix, StringComparison.Ordinal)) return null;
        var rest = apiKey.AsSpan(Prefix.Length);
        var separator = rest.IndexOf('_');
        if (separator < 1 || separator == rest.Length - 1) return null;
        var keyId = rest[..separator];
        foreach (var ch in keyId)
        {
            if (!char.IsAsciiLetterOrDigit(ch) && ch != '-') return null;
        }
        return keyId.ToString();
    }

    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    public static bool Matches(string apiKey, string storedSha256Hex)
    {
        var actual = Encoding.ASCII.GetBytes(Hash(apiKey));
        var expected = Encoding.ASCII.GetBytes(storedSha256Hex.ToLowerInvariant());
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
