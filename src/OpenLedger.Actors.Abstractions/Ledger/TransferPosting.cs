namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>One double-entry line of a transfer.</summary>
[GenerateSerializer, Immutable, Alias("openledger.transfer-posting")]
public sealed record TransferPosting(
    [property: Id(0)] string DebitAccount,
    [property: Id(1)] string CreditAccount,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Code);
