using Nethereum.Util;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Claims;

/// <summary>Ethereum addresses: <c>0x</c> + 40 hex digits; mixed case must carry a valid EIP-55 checksum. Stored in lower case.</summary>
public static class EthereumAddress
{
    public static ValidationProblem? Validate(string? address, string field = "address")
    {
        if (string.IsNullOrEmpty(address)) return new("address.missing", $"The {field} is required.");
        if (address.Length != 42 || !address.StartsWith("0x", StringComparison.Ordinal) || !address.AsSpan(2).ContainsOnlyHex())
            return new("address.invalid", $"The {field} must be 0x followed by 40 hexadecimal digits.");
        var hex = address[2..];
        var mixedCase = hex.Any(char.IsAsciiLetterUpper) && hex.Any(char.IsAsciiLetterLower);
        if (mixedCase && !new AddressUtil().IsChecksumAddress(address))
            return new("address.checksum", $"The {field} has mixed case but not a valid EIP-55 checksum.");
        return null;
    }

    public static string Normalize(string address) => address.ToLowerInvariant();
}

internal static class HexSpanExtensions
{
    public static bool ContainsOnlyHex(this ReadOnlySpan<char> text)
    {
        foreach (var ch in text)
        {
            if (!char.IsAsciiHexDigit(ch)) return false;
        }
        return true;
    }
}
