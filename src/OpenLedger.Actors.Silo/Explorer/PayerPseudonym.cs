using System.Security.Cryptography;
using System.Text;
using OpenLedger.Actors.Http.Auth;

namespace OpenLedger.Actors.Silo.Explorer;

/// <summary>
/// How the explorer names a payer: <c>payer-</c> and 12 hex digits of an HMAC-SHA256 of the account with a key derived
/// from the API's configured secret (<c>OpenLedger:Api:KeyIdSecret</c>). Stable — the same payer has the same
/// pseudonym on every page and every silo, so its inferences can be told apart from others' — but the account cannot be
/// read back from it or confirmed by guessing without the secret. The API still names the payer, to the payer's own key.
/// </summary>
public static class PayerPseudonym
{
    public const string Prefix = "payer-";
    private const int HexDigits = 12;
    private const string Purpose = "explorer/payer-pseudonym";

    public static string Of(KeyIdSigner secret, string account) =>
        Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(secret.DeriveKey(Purpose), Encoding.UTF8.GetBytes(account)))[..HexDigits];
}
