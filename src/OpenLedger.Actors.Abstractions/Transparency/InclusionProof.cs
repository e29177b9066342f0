namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>The audit path of entry <paramref name="Index"/> in the tree of <paramref name="TreeSize"/> entries (hex hashes, leaf side first).</summary>
[GenerateSerializer, Immutable, Alias("openledger.inclusion-proof")]
public sealed record InclusionProof(
    [property: Id(0)] string LogId,
    [property: Id(1)] long Index,
    [property: Id(2)] long TreeSize,
    [property: Id(3)] string LeafHash,
    [property: Id(4)] IReadOnlyList<string> Path);
