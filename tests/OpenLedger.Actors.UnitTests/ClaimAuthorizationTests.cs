using System.Numerics;
using System.Text;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.Signer;
using Nethereum.Signer.EIP712;
using Nethereum.Util;
using OpenLedger.Actors.Domain.Claims;

namespace OpenLedger.Actors.UnitTests;

public sealed class ClaimAuthorizationTests
{
    private const long ChainId = 1;
    private static readonly EthECKey Owner = new("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    private static readonly EthECKey Stranger = new("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f");
    private static readonly ClaimMessage Claim = new("main", "claim-1", "contributor-01", 12_345, "0x00000000000000000000000000000000000000c1");

    [Fact]
    public void The_owner_signature_recovers_the_owner_address()
    {
        var signature = ClaimTypedData.Sign(Claim, ChainId, Owner.GetPrivateKey());
        Assert.Equal(Owner.GetPublicAddress().ToLowerInvariant(), ClaimTypedData.RecoverSigner(Claim, ChainId, signature));
    }

    [Fact]
    public void A_signature_authorises_only_the_exact_claim_it_was_made_for()
    {
        var signature = ClaimTypedData.Sign(Claim, ChainId, Owner.GetPrivateKey());
        var owner = Owner.GetPublicAddress().ToLowerInvariant();
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim with { ClaimId = "claim-2" }, ChainId, signature));
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim with { Amount = 12_346 }, ChainId, signature));
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim with { Account = "contributor-02" }, ChainId, signature));
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim with { Destination = "0x00000000000000000000000000000000000000c2" }, ChainId, signature));
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim with { Ledger = "other" }, ChainId, signature));
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim, ChainId + 1, signature));
        Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim, ChainId, ClaimTypedData.Sign(Claim, ChainId, Stranger.GetPrivateKey())));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x1234")]
    [InlineData("zz")]
    public void Malformed_signatures_recover_nothing(string? signature) =>
        Assert.Null(ClaimTypedData.RecoverSigner(Claim, ChainId, signature));

    [Fact]
    public void A_signature_with_invalid_curve_values_recovers_nothing_or_someone_else()
    {
        var zeros = "0x" + new string('0', 128) + "1b";
        var recovered = ClaimTypedData.RecoverSigner(Claim, ChainId, zeros);
        Assert.NotEqual(Owner.GetPublicAddress().ToLowerInvariant(), recovered);
    }

    /// <summary>Attacker-chosen bytes — any recovery id, any r and s — never throw and never authorise the owner.</summary>
    [Fact]
    public void Random_signature_bytes_recover_nothing_or_someone_else_and_never_throw()
    {
        var random = new Random(65);
        var owner = Owner.GetPublicAddress().ToLowerInvariant();
        var bytes = new byte[65];
        for (var i = 0; i < 300; i++)
        {
            random.NextBytes(bytes);
            if (i % 3 == 0) bytes[64] = (byte)(27 + i % 2); // a valid recovery id with random r and s
            Assert.NotEqual(owner, ClaimTypedData.RecoverSigner(Claim, ChainId, "0x" + Convert.ToHexStringLower(bytes)));
        }
        var signature = ClaimTypedData.Sign(Claim, ChainId, Owner.GetPrivateKey());
        Assert.Null(ClaimTypedData.RecoverSigner(Claim, ChainId, signature[..^2] + "ff"));
        Assert.Null(ClaimTypedData.RecoverSigner(Claim, ChainId, signature[..^2] + "1d"));
    }

    /// <summary>The EIP-712 digest Nethereum signs equals one encoded by hand from the specification.</summary>
    [Fact]
    public void The_signed_digest_follows_the_EIP712_specification()
    {
        static byte[] K(byte[] data) => Sha3Keccack.Current.CalculateHash(data);
        static byte[] KS(string text) => K(Encoding.UTF8.GetBytes(text));
        static byte[] Word(BigInteger value) { var w = new byte[32]; var b = value.ToByteArray(isUnsigned: true, isBigEndian: true); b.CopyTo(w, 32 - b.Length); return w; }

        var domainSeparator = K([.. KS("EIP712Domain(string name,string version,uint256 chainId)"), .. KS("OpenLedger"), .. KS("1"), .. Word(ChainId)]);
        var address = new byte[32];
        Claim.Destination.HexToByteArray().CopyTo(address, 12);
        var structHash = K([.. KS("Claim(string ledger,string claimId,string account,uint256 amount,address destination)"),
            .. KS(Claim.Ledger), .. KS(Claim.ClaimId), .. KS(Claim.Account), .. Word(Claim.Amount), .. address]);
        var expected = K([0x19, 0x01, .. domainSeparator, .. structHash]);

        var encoded = new Eip712TypedDataSigner().EncodeTypedData(ClaimTypedData.Build(Claim, ChainId));
        Assert.Equal(expected.ToHex(), K(encoded).ToHex());
    }

    [Theory]
    [InlineData("0x00000000000000000000000000000000000000c1", null)]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", null)] // EIP-55 example
    [InlineData("0x5aaeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "address.checksum")]
    [InlineData("0x00000000000000000000000000000000000000c", "address.invalid")]
    [InlineData("00000000000000000000000000000000000000c1aa", "address.invalid")]
    [InlineData("0x00000000000000000000000000000000000000g1", "address.invalid")]
    [InlineData("", "address.missing")]
    public void Addresses_are_validated(string address, string? expectedCode) =>
        Assert.Equal(expectedCode, EthereumAddress.Validate(address)?.Code);
}
