using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A one-silo cluster for the ledger's own tests: in-memory grain state behind a <see cref="GatedGrainStorage"/> the
/// test can hold or fail write by write, and a <see cref="FakeTimeProvider"/> as the ledger's clock.
/// </summary>
internal sealed class LedgerTestCluster : IAsyncDisposable
{
    private LedgerTestCluster(InProcessTestCluster cluster, GatedGrainStorage storage, FakeTimeProvider clock)
    {
        Cluster = cluster;
        Storage = storage;
        Clock = clock;
    }

    public InProcessTestCluster Cluster { get; }
    public GatedGrainStorage Storage { get; }
    public FakeTimeProvider Clock { get; }
    public IClusterClient Client => Cluster.Client;

    public static async Task<LedgerTestCluster> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var gated = new GatedGrainStorage();
        var values = new Dictionary<string, string?>
        {
            ["OpenLedger:Ledger:WriteRetryDelay"] = "00:00:00.005",
            ["OpenLedger:Ledger:ExpirySweepInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Settings = values,
            ArtifactStore = new InMemoryArtifactStore(),
            Storage = (inner, _) =>
            {
                gated.Inner = inner;
                return gated;
            },
            ConfigureSilo = silo => silo.Services.AddKeyedSingleton<TimeProvider>(LedgerOptions.ClockKey, clock),
        });
        return new LedgerTestCluster(cluster, gated, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
