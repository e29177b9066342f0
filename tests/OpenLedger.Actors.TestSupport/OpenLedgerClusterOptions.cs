using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Storage;

namespace OpenLedger.Actors.TestSupport;

/// <summary>What an in-process OpenLedger test cluster (<see cref="OpenLedgerTestCluster"/>) is made of.</summary>
public sealed class OpenLedgerClusterOptions
{
    /// <summary>How many silos start (more join with <c>StartAdditionalSiloAsync</c>).</summary>
    public int Silos { get; init; } = 1;

    /// <summary>Configuration keys for <c>AddOpenLedger</c> (e.g. <c>OpenLedger:Ledger:MaxBatchTransfers</c>); none means the embedded defaults.</summary>
    public IReadOnlyDictionary<string, string?>? Settings { get; init; }

    /// <summary>
    /// The client signs its calls with this process's internal-call key, so set-up code may call <c>[InternalGrainCall]</c>
    /// methods as silo code would. False: a plain gateway client (add your own filter with <see cref="ConfigureClient"/>).
    /// </summary>
    public bool ClientActsAsSilo { get; init; } = true;

    /// <summary>Isolates this run's rows in shared Azure tables; null keeps the test host's default.</summary>
    public string? ServiceId { get; init; }

    /// <summary>One artifact store shared by every silo (replacements included); null: what the settings choose (in memory per silo by default).</summary>
    public IArtifactStore? ArtifactStore { get; init; }

    /// <summary>
    /// Wraps the grain state storage: it receives in-memory storage (the real one underneath) and the silo's services, and
    /// returns the storage the grains use — a fault-injecting or gated one. Null: the storage the settings choose.
    /// </summary>
    public Func<IGrainStorage, IServiceProvider, IGrainStorage>? Storage { get; init; }

    /// <summary>The silos' clock, advanced by the test (see <see cref="SimulatedTime"/>); null: real time.</summary>
    public FakeTimeProvider? Clock { get; init; }

    /// <summary>Further silo set-up, after the above.</summary>
    public Action<ISiloBuilder>? ConfigureSilo { get; init; }

    /// <summary>Further client set-up, after the above.</summary>
    public Action<IClientBuilder>? ConfigureClient { get; init; }
}
