using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// What the attribution scan found and the fee split it decided (each posting from the payer), recorded in one write
/// before the split is posted: the post and the receipt always use these, so a retry after a failure anywhere later
/// completes the same transfer with the same postings, whatever penalties or parameters changed meanwhile. Where the split
/// had more recipients than a transfer may pay (<see cref="Domain.Economics.RecipientCap"/>), <see cref="Settlements"/>
/// are the pools' payments to their members (each from its pool account), made by the outbox after the post.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.inference-outcome")]
public sealed record InferenceOutcome(
    [property: Id(0)] AttributionResult Attribution,
    [property: Id(1)] IReadOnlyList<TransferPosting> Postings,
    [property: Id(2)] IReadOnlyList<TransferPosting>? Settlements = null);
