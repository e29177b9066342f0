namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// One posting on an account's statement. <paramref name="Amount"/> is signed (credit +, debit −);
/// <paramref name="Reference"/> names the cause: for inference fees the inference id, whose
/// <c>IInferenceGrain.GetResultAsync</c> returns the attribution receipt that set the amount.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.statement-entry")]
public sealed record StatementEntry(
    [property: Id(0)] long Line,
    [property: Id(1)] long JournalBatch,
    [property: Id(2)] DateTimeOffset CommittedAt,
    [property: Id(3)] string TransferId,
    [property: Id(4)] string? Reference,
    [property: Id(5)] string Code,
    [property: Id(6)] string Counterparty,
    [property: Id(7)] long Amount,
    [property: Id(8)] long BalanceAfter);
