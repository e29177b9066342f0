using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>
/// Signed API key ids: 16 random hex digits followed by 16 hex digits of an HMAC-SHA256 of them with the server's
/// <see cref="OpenLedgerApiOptions.KeyIdSecret"/>. A key id that does not carry its MAC was never issued here, so it is
/// refused before any storage read or grain activation (an attacker cannot make grains activate by guessing ids).
/// </summary>
public sealed class KeyIdSigner
{
    public const int RandomHexLength = 16;
    public const int SignedLength = 32;
    private static readonly Lazy<byte[]> ProcessSecret = new(() => RandomNumberGenerator.GetBytes(32));
    private readonly byte[] _secret;

    public KeyIdSigner(IOptions<OpenLedgerApiOptions> options) : this(SecretOf(options.Value)) { }

    public KeyIdSigner(byte[] secret) => _secret = secret;

    public string NewKeyId()
    {
        var random = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(RandomHexLength / 2));
        return random + Mac(random);
    }

    public bool IsAuthentic(string keyId)
    {
        if (keyId.Length != SignedLength || !keyId.All(char.IsAsciiHexDigitLower)) return false;
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(keyId[..RandomHexLength])), Encoding.ASCII.GetBytes(keyId[RandomHexLength..]));
    }

    /// <summary>
    /// A key for another purpose derived from the same secret (HMAC-SHA256 of <paramref name="purpose"/>): the same on
    /// every silo, yet not the key-id secret itself. The explorer's payer pseudonyms use one.
    /// </summary>
    public byte[] DeriveKey(string purpose) => HMACSHA256.HashData(_secret, Encoding.UTF8.GetBytes("openledger/" + purpose));

    /// <summary>A key id in the form keys had before ids were signed (16 hex digits).</summary>
    public static bool IsUnsignedLegacy(string keyId) => keyId.Length == RandomHexLength && keyId.All(char.IsAsciiHexDigitLower);

    private string Mac(string random) => Convert.ToHexStringLower(HMACSHA256.HashData(_secret, Encoding.ASCII.GetBytes(random)))[..(SignedLength - RandomHexLength)];

    private static byte[] SecretOf(OpenLedgerApiOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.KeyIdSecret)) return ProcessSecret.Value;
        var secret = Convert.FromBase64String(options.KeyIdSecret.Trim());
        return secret.Length >= 32 ? secret : throw new OptionsValidationException(OpenLedgerApiOptions.Section, typeof(OpenLedgerApiOptions), ["KeyIdSecret must be base64 of at least 32 random bytes."]);
    }
}
