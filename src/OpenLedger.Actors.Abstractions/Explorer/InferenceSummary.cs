namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>One line of the explorer's inference feed; <paramref name="Sequence"/> numbers inferences from 1 in the
/// order the catalog heard of them.</summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.inference-summary")]
public sealed record InferenceSummary(
    [property: Id(0)] long Sequence,
    [property: Id(1)] string InferenceId,
    [property: Id(2)] string ModelId,
    [property: Id(3)] string DatanetId,
    [property: Id(4)] int PredictedClass,
    [property: Id(5)] long Fee,
    [property: Id(6)] int ContributionCount,
    [property: Id(7)] int AccountsPaid,
    [property: Id(8)] DateTimeOffset CompletedAt);
