namespace OpenLedger.Actors.Abstractions.Transparency;

/// <summary>The proof that the tree of <paramref name="NewSize"/> entries extends the one of <paramref name="OldSize"/> (hex hashes).</summary>
[GenerateSerializer, Immutable, Alias("openledger.consistency-proof")]
public sealed record ConsistencyProof(
    [property: Id(0)] string LogId,
    [property: Id(1)] long OldSize,
    [property: Id(2)] long NewSize,
    [property: Id(3)] IReadOnlyList<string> Path);
