namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>
/// Everything a paid account needs to check that a receipt was published to everyone alike: the log entry (its content
/// hash is <see cref="ReceiptDigest"/> of the receipt), a signed head, and the entry's inclusion proof in that head's tree.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.receipt-inclusion")]
public sealed record ReceiptInclusion(
    [property: Id(0)] TransparencyEntry Entry,
    [property: Id(1)] PublishedTreeHead Head,
    [property: Id(2)] InclusionProof Proof);
