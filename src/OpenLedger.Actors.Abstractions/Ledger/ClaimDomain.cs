namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>The EIP-712 domain claims on this ledger are signed under (what a wallet needs to build the typed data).</summary>
[GenerateSerializer, Immutable, Alias("openledger.claim-domain")]
public sealed record ClaimDomain(
    [property: Id(0)] string Name,
    [property: Id(1)] string Version,
    [property: Id(2)] long ChainId,
    [property: Id(3)] string Ledger,
    [property: Id(4)] string ClaimType);
