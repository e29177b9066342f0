using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Security;
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
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddKeyedSingleton<TimeProvider>(LedgerOptions.ClockKey, clock);
            silo.Services.AddSingleton<IArtifactStore>(new InMemoryArtifactStore());
            silo.AddOpenLedger(configuration);
            silo.AddMemoryGrainStorage("inner");
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState,
                (services, _) =>
                {
                    gated.Inner = services.GetRequiredKeyedService<IGrainStorage>("inner");
                    return gated;
                });
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new LedgerTestCluster(cluster, gated, clock);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}
