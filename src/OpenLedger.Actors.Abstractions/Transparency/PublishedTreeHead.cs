namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>
/// A signed tree head as published: the log's size and Merkle root (RFC 6962, hex) at <paramref name="Timestamp"/>, the
/// operator's ECDSA P-256 signature (hex, r‖s) over its canonical text, and the id of the key that checks it.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.published-tree-head")]
public sealed record PublishedTreeHead(
    [property: Id(0)] string LogId,
    [property: Id(1)] long Size,
    [property: Id(2)] string RootHash,
    [property: Id(3)] DateTimeOffset Timestamp,
    [property: Id(4)] string KeyId,
    [property: Id(5)] string Signature);
