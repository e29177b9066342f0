namespace OpenLedger.Actors.Domain.Governance;

/// <summary>A parameter set in force from <paramref name="EffectiveAt"/>; version 1 is the genesis set, later ones come from executed proposals.</summary>
public sealed record ParameterVersion(int Version, ProtocolParameters Parameters, DateTimeOffset EffectiveAt, string? ProposalId);
