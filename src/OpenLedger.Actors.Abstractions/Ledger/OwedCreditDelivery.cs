namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// Credits transfer <paramref name="TransferId"/>, applied in ledger partition <paramref name="FromPartition"/>, owes
/// to accounts of the partition it is sent to (the transfer's postings whose credited account that partition holds).
/// The receiving partition applies them once, under an id derived from the transfer id and the sending partition.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.owed-credit-delivery")]
public sealed record OwedCreditDelivery(
    [property: Id(0)] string TransferId,
    [property: Id(1)] int FromPartition,
    [property: Id(2)] IReadOnlyList<TransferPosting> Credits)
{
    /// <summary>The most owed credits one <see cref="ILedgerGrain.ApplyOwedCreditsAsync"/> call carries.</summary>
    public const int MaxPerCall = 1_000;
}
