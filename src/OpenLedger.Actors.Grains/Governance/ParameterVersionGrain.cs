using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>One parameter version (budget: one parameter set, under 1 KiB).</summary>
public sealed class ParameterVersionGrain(
    [PersistentState("parameter-version", StorageNames.GrainState)] IPersistentState<ParameterVersionState> state) : Grain, IParameterVersionGrain
{
    public Task<ParametersInForce?> GetAsync() => Task.FromResult(state.State.Version);

    public async Task PutAsync(ParametersInForce version)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (version.Version != this.GetPrimaryKeyLong()) throw new ArgumentException($"Version {version.Version} is not stored under key {this.GetPrimaryKeyLong()}.", nameof(version));
        if (state.State.Version == version) return;
        state.State.Version = version;
        await state.WriteOrReloadAsync(this);
    }
}

[GenerateSerializer]
public sealed class ParameterVersionState
{
    [Id(0)] public ParametersInForce? Version { get; set; }
}
