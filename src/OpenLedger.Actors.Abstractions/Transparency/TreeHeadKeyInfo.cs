namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>The public half of the key that signs a log's heads: DER SubjectPublicKeyInfo, base64.</summary>
[GenerateSerializer, Immutable, Alias("openledger.tree-head-key")]
public sealed record TreeHeadKeyInfo([property: Id(0)] string KeyId, [property: Id(1)] string Algorithm, [property: Id(2)] string PublicKey);
