namespace OpenLedger.Actors.Abstractions.Governance;

/// <summary>A numbered parameter set and when it took effect; version 1 is the genesis set from configuration.</summary>
[GenerateSerializer, Immutable, Alias("openledger.parameters-in-force")]
public sealed record ParametersInForce(
    [property: Id(0)] int Version,
    [property: Id(1)] GovernanceParameters Parameters,
    [property: Id(2)] DateTimeOffset EffectiveAt,
    [property: Id(3)] string? ProposalId);
