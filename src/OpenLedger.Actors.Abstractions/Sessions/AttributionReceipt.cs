using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>
/// Where an inference's value came from and went: the top-k contributions with positive influence, their
/// scores and normalised weights, and the fee postings made in the ledger transfer <paramref name="LedgerTransferId"/>
/// (each from the payer; <see cref="TransferPosting.Code"/> names the recipient's role, e.g. <c>fee.contributor</c>).
/// <paramref name="ParameterVersion"/> is the governed parameter version whose fee split, top-k, influence floor and
/// reward rules produced it; <paramref name="TopK"/> is the session's top-k capped by that version's.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.attribution-receipt")]
public sealed record AttributionReceipt(
    [property: Id(0)] string ModelId,
    [property: Id(1)] string DatanetId,
    [property: Id(2)] int DatanetVersion,
    [property: Id(3)] string Method,
    [property: Id(4)] int LossLabel,
    [property: Id(5)] double QueryLoss,
    [property: Id(6)] int TopK,
    [property: Id(7)] IReadOnlyList<InfluenceEntry> Influences,
    [property: Id(8)] long Fee,
    [property: Id(9)] IReadOnlyList<TransferPosting> Postings,
    [property: Id(10)] string LedgerTransferId,
    [property: Id(11)] int ParameterVersion = 0)
{
    /// <summary>For a language model: the spans found verbatim in its corpus and the weights of the reward rule; null otherwise.</summary>
    [Id(12)] public TextAttribution? Text { get; init; }

    /// <summary>For a RAG model: the retrieved documents, the context attribution's parameters and surrogate, the spans and
    /// the units of <c>RagRewardRule</c>; null otherwise.</summary>
    [Id(13)] public Attribution.RagAttribution? Rag { get; init; }
}
