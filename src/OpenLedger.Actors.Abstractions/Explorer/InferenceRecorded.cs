using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Abstractions.Explorer;

/// <summary>
/// What the inference grain tells the explorer's catalog once an inference's fee transfer is durable: the public
/// facts of its receipt (never the query's features or representation). <paramref name="Postings"/> are the
/// transfer's postings, the same integers as the ledger's.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.explorer.inference-recorded")]
public sealed record InferenceRecorded(
    [property: Id(0)] string InferenceId,
    [property: Id(1)] string ModelId,
    [property: Id(2)] string DatanetId,
    [property: Id(3)] int PredictedClass,
    [property: Id(4)] long Fee,
    [property: Id(5)] int ContributionCount,
    [property: Id(6)] IReadOnlyList<TransferPosting> Postings,
    [property: Id(7)] DateTimeOffset CompletedAt);
