namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>
/// One entry of a Datanet's rejection record (<see cref="IDatanetGrain.ListRejectionsAsync"/>): rows of one contributor a
/// curator rejected in one review (at most 64 rows an entry; a larger review gives several entries with the same
/// <paramref name="ReviewRound"/>). <paramref name="Sequence"/> numbers the entries from 0 in the order they were recorded;
/// <paramref name="Adversarial"/> marks a rejection as adversarial (its <paramref name="Reason"/> is then always given);
/// a plain rejection's reason is optional.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.datanet-rejected-rows")]
public sealed record RejectedRows(
    [property: Id(0)] long Sequence,
    [property: Id(1)] long ReviewRound,
    [property: Id(2)] string Contributor,
    [property: Id(3)] IReadOnlyList<long> RowIds,
    [property: Id(4)] string Curator,
    [property: Id(5)] bool Adversarial,
    [property: Id(6)] string? Reason,
    [property: Id(7)] DateTimeOffset RejectedAt)
{
    /// <summary>Rows per entry at most: 64 ids, two accounts (≤ 128 characters each), a reason ≤ 200 characters ≈ 1 KB as stored.</summary>
    public const int MaxRows = 64;
}
