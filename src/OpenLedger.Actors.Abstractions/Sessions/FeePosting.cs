namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>One ledger posting an inference's fee made: from the payer to a recipient, in micro-units.</summary>
[GenerateSerializer, Immutable, Alias("openledger.fee-posting")]
public sealed record FeePosting(
    [property: Id(0)] string DebitAccount,
    [property: Id(1)] string CreditAccount,
    [property: Id(2)] long Amount,
    [property: Id(3)] string Role);
