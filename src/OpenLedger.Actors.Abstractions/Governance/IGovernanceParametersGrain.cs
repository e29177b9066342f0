using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Governance;

/// <summary>
/// The history of protocol parameters (one grain, key <see cref="GovernanceIds.Main"/>): the version in force and any
/// earlier version. Version 1 is the genesis set from configuration; each executed proposal adds the next. Grains that
/// need the parameters per operation read the silo's versioned snapshot instead of calling this grain.
/// </summary>
[Alias("openledger.IGovernanceParametersGrain")]
public interface IGovernanceParametersGrain : IGrainWithStringKey
{
    /// <summary>The parameter set in force now (every receipt names its version).</summary>
    [Alias("current"), ReadOnly] Task<ParametersInForce> GetCurrentAsync();

    [Alias("version"), ReadOnly] Task<ParametersInForce> GetVersionAsync(int version);
}

public static class GovernanceIds
{
    public const string Main = "main";
}
