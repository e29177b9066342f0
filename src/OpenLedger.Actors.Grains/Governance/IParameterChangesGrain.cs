using OpenLedger.Actors.Abstractions.Governance;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>The write side of the parameter history (same grain as <see cref="IGovernanceParametersGrain"/>), for proposal grains only.</summary>
[Alias("openledger.IParameterChangesGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IParameterChangesGrain : IGrainWithStringKey
{
    /// <summary>
    /// Puts <paramref name="parameters"/> in force as version <paramref name="baseVersion"/> + 1 on behalf of
    /// <paramref name="proposalId"/>, and tells every silo before answering. Idempotent: if that version already came
    /// from this proposal it is answered again; if another proposal took it, the answer is <c>null</c> (stale).
    /// </summary>
    [Alias("apply")] Task<ParametersInForce?> ApplyAsync(string proposalId, int baseVersion, GovernanceParameters parameters);
}

/// <summary>One stored parameter version (key: the version number), written before the history's head points at it.</summary>
[Alias("openledger.IParameterVersionGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IParameterVersionGrain : IGrainWithIntegerKey
{
    [Alias("get")] Task<ParametersInForce?> GetAsync();

    [Alias("put")] Task PutAsync(ParametersInForce version);
}
