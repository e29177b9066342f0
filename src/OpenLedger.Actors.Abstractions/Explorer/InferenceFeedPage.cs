namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>A page of the feed, newest first; <paramref name="Total"/> inferences are recorded in all.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.feed-page")]
public sealed record InferenceFeedPage(
    [property: Id(0)] long Total,
    [property: Id(1)] int Page,
    [property: Id(2)] int PageSize,
    [property: Id(3)] IReadOnlyList<InferenceSummary> Items);
