using System.Numerics;
using Nethereum.ABI.EIP712;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Eip712Domain = Nethereum.ABI.EIP712.Domain;

namespace OpenLedger.Actors.Domain.Claims;

/// <summary>
/// The claim as EIP-712 typed data (<c>eth_signTypedData_v4</c>), so any Ethereum wallet can sign it:
/// domain <c>{ name: "OpenLedger", version: "1", chainId }</c>, primary type
/// <c>Claim(string ledger,string claimId,string account,uint256 amount,address destination)</c>.
/// Encoding, hashing and secp256k1 recovery are Nethereum's.
/// </summary>
public static class ClaimTypedData
{
    public const string DomainName = "OpenLedger";
    public const string DomainVersion = "1";
    public const string PrimaryType = "Claim";

    public static TypedData<Eip712Domain> Build(ClaimMessage claim, long chainId) => new()
    {
        Domain = new Eip712Domain { Name = DomainName, Version = DomainVersion, ChainId = new BigInteger(chainId) },
        Types = new Dictionary<string, MemberDescription[]>
        {
            ["EIP712Domain"] =
            [
                new() { Name = "name", Type = "string" },
                new() { Name = "version", Type = "string" },
                new() { Name = "chainId", Type = "uint256" },
            ],
            [PrimaryType] =
            [
                new() { Name = "ledger", Type = "string" },
                new() { Name = "claimId", Type = "string" },
                new() { Name = "account", Type = "string" },
                new() { Name = "amount", Type = "uint256" },
                new() { Name = "destination", Type = "address" },
            ],
        },
        PrimaryType = PrimaryType,
        // Explicit, in the order of the EIP712Domain type above (no verifyingContract or salt).
        DomainRawValues =
        [
            new() { TypeName = "string", Value = DomainName },
            new() { TypeName = "string", Value = DomainVersion },
            new() { TypeName = "uint256", Value = new BigInteger(chainId) },
        ],
        Message =
        [
            new() { TypeName = "string", Value = claim.Ledger },
            new() { TypeName = "string", Value = claim.ClaimId },
            new() { TypeName = "string", Value = claim.Account },
            new() { TypeName = "uint256", Value = new BigInteger(claim.Amount) },
            new() { TypeName = "address", Value = claim.Destination },
        ],
    };

    /// <summary>Signs as a wallet would (tests, the CLI); the private key is 32 bytes in hex.</summary>
    public static string Sign(ClaimMessage claim, long chainId, string privateKeyHex) =>
        new Eip712TypedDataSigner().SignTypedDataV4(Build(claim, chainId), new EthECKey(privateKeyHex));

    /// <summary>The lower-case address that produced <paramref name="signature"/> (65 bytes, hex), or null if it is malformed.</summary>
    public static string? RecoverSigner(ClaimMessage claim, long chainId, string? signature)
    {
        if (string.IsNullOrWhiteSpace(signature)) return null;
        var hex = signature.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? signature[2..] : signature;
        if (hex.Length != 130 || !hex.AsSpan().ContainsOnlyHex()) return null;
        // The recovery id v (last byte) is 27 or 28 (0 or 1 from some signers); anything else names no public key.
        if (Convert.ToByte(hex[128..], 16) is not (0 or 1 or 27 or 28)) return null;
        try
        {
            var address = new Eip712TypedDataSigner().RecoverFromSignatureV4(Build(claim, chainId), "0x" + hex);
            return string.IsNullOrEmpty(address) ? null : EthereumAddress.Normalize(address);
        }
#pragma warning disable CA1031 // The signature is attacker-chosen bytes: however Nethereum or BouncyCastle fails on them (plain Exception, NullReferenceException, …), it authorises nothing.
        catch (Exception)
#pragma warning restore CA1031
        {
            return null; // a signature that does not decode to a curve point authorises nothing
        }
    }
}
