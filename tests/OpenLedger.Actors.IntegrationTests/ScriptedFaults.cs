using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Grain storage that fails exactly the writes it is told to: the next write of a state whose name starts with a
/// given prefix fails before reaching storage (nothing stored) or after (stored, but the caller sees an error) — a crash
/// or a lost reply between two steps of a multi-step operation.
/// </summary>
internal sealed class ScriptedFaults
{
    private readonly Lock _gate = new();
    private readonly List<(string Prefix, FaultKind Kind, int Skip)> _armed = [];

    public int Fired { get; private set; }

    /// <summary>Fails a write of a state named <paramref name="statePrefix"/>… as <paramref name="kind"/>, after letting <paramref name="skip"/> such writes through.</summary>
    public void Arm(string statePrefix, FaultKind kind, int skip = 0)
    {
        lock (_gate) _armed.Add((statePrefix, kind, skip));
    }

    public void Disarm()
    {
        lock (_gate) _armed.Clear();
    }

    public FaultKind Next(string stateName)
    {
        lock (_gate)
        {
            var i = _armed.FindIndex(a => stateName.StartsWith(a.Prefix, StringComparison.Ordinal));
            if (i < 0) return FaultKind.None;
            var (prefix, kind, skip) = _armed[i];
            if (skip > 0)
            {
                _armed[i] = (prefix, kind, skip - 1);
                return FaultKind.None;
            }
            _armed.RemoveAt(i);
            Fired++;
            return kind;
        }
    }

    /// <summary>The silos' clock: simulated, advanced by the tests (a voting period passes without waiting).</summary>
    public FakeTimeProvider Clock { get; } = SimulatedTime.StartingNow();

    public static async Task<InProcessTestCluster> StartClusterAsync(ScriptedFaults faults, IReadOnlyDictionary<string, string?>? settings = null,
        Action<ISiloBuilder>? configureSilo = null, int silos = 2)
    {
        return await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = silos,
            Settings = settings,
            ArtifactStore = new InMemoryArtifactStore(),
            Clock = faults.Clock,
            Storage = (inner, _) => new ScriptedGrainStorage(inner, faults),
            ConfigureSilo = configureSilo,
        });
    }

    private sealed class ScriptedGrainStorage(IGrainStorage inner, ScriptedFaults faults) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

        public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var fault = faults.Next(stateName);
            if (fault == FaultKind.BeforeWrite) throw new TimeoutException($"Injected fault before writing {stateName}.");
            await inner.WriteStateAsync(stateName, grainId, grainState);
            if (fault == FaultKind.AfterWrite) throw new TimeoutException($"Injected fault after writing {stateName}.");
        }
    }
}
