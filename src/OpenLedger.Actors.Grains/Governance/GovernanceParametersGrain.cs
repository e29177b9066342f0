using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Sessions;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// The head of the parameter history: the version in force (and the genesis set, stored with the first change so
/// configuration changes later cannot rewrite history). Every version is also its own record
/// (<see cref="IParameterVersionGrain"/>), written before the head points at it, so the head stays the same size
/// however many versions there are (budget 4 KiB). A new version is pushed to every silo's parameter snapshot before
/// the change is acknowledged. It calls no staking or proposal grain: no call cycle can form through it.
/// </summary>
public sealed class GovernanceParametersGrain(
    [PersistentState("parameters", StorageNames.GrainState)] IPersistentState<ParameterHeadState> state,
    IOptions<GovernanceOptions> options,
    IOptions<FeePolicyOptions> feePolicy,
    ParameterSnapshotServiceClient silos,
    TimeProvider clock,
    ILogger<GovernanceParametersGrain> logger) : Grain, IGovernanceParametersGrain, IParameterChangesGrain
{
    public Task<ParametersInForce> GetCurrentAsync() => Task.FromResult(Current());

    public async Task<ParametersInForce> GetVersionAsync(int version)
    {
        var current = Current();
        if (version < 1 || version > current.Version) throw NotFound(version);
        if (version == current.Version) return current;
        if (version == 1) return Genesis();
        return await GrainFactory.GetGrain<IParameterVersionGrain>(version).GetAsync() ?? throw NotFound(version);
    }

    public async Task<ParametersInForce?> ApplyAsync(string proposalId, int baseVersion, GovernanceParameters parameters)
    {
        Guard.Identifier(proposalId, "proposal id");
        ArgumentNullException.ThrowIfNull(parameters);
        var current = Current();
        if (current.Version > baseVersion)
        {
            var taken = current.Version == baseVersion + 1 ? current : await GrainFactory.GetGrain<IParameterVersionGrain>(baseVersion + 1).GetAsync();
            if (taken?.ProposalId != proposalId) return null; // another proposal took effect first
            await AnnounceAsync(current); // a retry: make sure every silo heard
            return taken;
        }
        if (current.Version < baseVersion) throw new InvalidOperationException($"Proposal '{proposalId}' amends version {baseVersion}, beyond the {current.Version} in force.");
        var next = new ParametersInForce(baseVersion + 1, parameters, clock.GetUtcNow(), proposalId);
        await GrainFactory.GetGrain<IParameterVersionGrain>(next.Version).PutAsync(next); // the record first: the head only ever points at a stored version
        await state.ChangeAndWriteAsync(this, s =>
        {
            if (s.Genesis is null)
            {
                var genesis = Genesis();
                s.Genesis = genesis.Parameters;
                s.GenesisAt = genesis.EffectiveAt;
            }
            s.Current = next;
        });
        await AnnounceAsync(next);
        return next;
    }

    /// <summary>Pushes a version to every active silo's snapshot (each at most a few seconds; a silo that misses it re-checks on its own).</summary>
    private Task AnnounceAsync(ParametersInForce version) =>
        EverySilo.AnnounceAsync(GrainFactory, silo => silos.On(silo).AnnounceAsync(version), logger, $"parameter version {version.Version}");

    private ParametersInForce Current() => state.State.Current ?? Genesis();

    private ParametersInForce Genesis() => state.State.Genesis is { } stored
        ? new ParametersInForce(1, stored, state.State.GenesisAt, null)
        : new ParametersInForce(1, options.Value.Genesis(feePolicy.Value.ToPolicy()).ToContract(), DateTimeOffset.UnixEpoch, null);

    private static OpenLedgerException NotFound(int version) =>
        OpenLedgerException.NotFound("parameters.version_not_found", $"There is no parameter version {version}.");
}

/// <summary>The head of the parameter history: the genesis set once anything changed, and the version in force.</summary>
[GenerateSerializer]
public sealed class ParameterHeadState
{
    [Id(0)] public GovernanceParameters? Genesis { get; set; }
    [Id(1)] public DateTimeOffset GenesisAt { get; set; }
    [Id(2)] public ParametersInForce? Current { get; set; }
}
