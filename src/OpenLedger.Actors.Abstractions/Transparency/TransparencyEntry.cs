namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>
/// What one entry of a transparency log commits to: the kind of record (<see cref="TransparencyKinds"/>), its id, and
/// the SHA-256 (lower-case hex) of its canonical content (for a receipt: <see cref="ReceiptDigest"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.transparency-entry")]
public sealed record TransparencyEntry(
    [property: Id(0)] string Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string ContentHash);
