using System.Security.Cryptography;

namespace OpenLedger.Actors.Domain.Transparency;

/// <summary>A tree head with the operator's signature (ECDSA P-256, SHA-256, IEEE P1363 r‖s) and the signing key's id.</summary>
public sealed record SignedTreeHead(TreeHead Head, string KeyId, byte[] Signature)
{
    /// <summary>True when the signature is the holder of <paramref name="publicKey"/>'s over exactly this head.</summary>
    public bool VerifyWith(TreeHeadKey publicKey) =>
        KeyId == publicKey.KeyId && publicKey.Verify(Head.SignedBytes(), Signature);
}

/// <summary>
/// The operator's tree-head key. Its id is the first 8 bytes (hex) of SHA-256 over the public key's
/// SubjectPublicKeyInfo, so a head names which published key checks it. Only the public half is needed to verify.
/// </summary>
public sealed class TreeHeadKey : IDisposable
{
    private readonly ECDsa _key;

    private TreeHeadKey(ECDsa key)
    {
        _key = key;
        PublicKeyInfo = key.ExportSubjectPublicKeyInfo();
        KeyId = Convert.ToHexStringLower(SHA256.HashData(PublicKeyInfo).AsSpan(0, 8));
    }

    public string KeyId { get; }

    /// <summary>DER SubjectPublicKeyInfo: what the operator publishes.</summary>
    public byte[] PublicKeyInfo { get; }

    public static TreeHeadKey Create() => new(ECDsa.Create(ECCurve.NamedCurves.nistP256));

    public static TreeHeadKey FromPrivateKeyPem(string pem)
    {
        var key = ECDsa.Create();
        key.ImportFromPem(pem);
        return new TreeHeadKey(key);
    }

    public static TreeHeadKey FromPublicKeyInfo(byte[] subjectPublicKeyInfo)
    {
        var key = ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
        return new TreeHeadKey(key);
    }

    public string ExportPrivateKeyPem() => _key.ExportPkcs8PrivateKeyPem();

    public SignedTreeHead Sign(TreeHead head) =>
        new(head, KeyId, _key.SignData(head.SignedBytes(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));

    public bool Verify(byte[] data, byte[] signature) =>
        _key.VerifyData(data, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public void Dispose() => _key.Dispose();
}
