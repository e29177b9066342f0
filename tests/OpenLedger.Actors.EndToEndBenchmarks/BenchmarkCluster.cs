using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Ledger;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.TestSupport;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// One case's in-process cluster (<see cref="OpenLedgerTestCluster"/>, <c>AddOpenLedger</c> on every silo as the silo host
/// runs it): in memory with one artifact store all silos share, or on Azurite with this run's own table and container.
/// The load goes through the cluster's gateway client, as an agent platform's in-cluster client sends it.
/// </summary>
internal sealed class BenchmarkCluster(InProcessTestCluster cluster) : IAsyncDisposable
{
    // On a shared, overloaded machine a group-commit write on Azurite can take longer than Orleans' 30 s default: wait, and measure it.
    private static readonly TimeSpan ResponseTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The gateway client: the caller of every measured call.</summary>
    public IClusterClient Client => cluster.Client;

    /// <summary>The ledger's partitions as silo code reaches them (set-up deposits, balances, the summary).</summary>
    public LedgerRouter Ledger => Services.GetRequiredService<LedgerRouter>();

    /// <summary>Where the trained model's parameters are stored.</summary>
    public IArtifactStore Artifacts => Services.GetRequiredService<IArtifactStore>();

    private IServiceProvider Services => cluster.Silos[0].ServiceProvider;

    public static async Task<BenchmarkCluster> StartAsync(int silos, BenchmarkStorage storage, string caseName)
    {
        var settings = new Dictionary<string, string?>();
        IArtifactStore? shared = null;
        if (storage == BenchmarkStorage.Azurite)
        {
            var (_, table, container) = AzuriteEnvironment.UniqueNames("e2e");
            settings["OpenLedger:Storage:Provider"] = nameof(StorageProvider.AzureStorage);
            settings["OpenLedger:Storage:ConnectionString"] = AzuriteEnvironment.ConnectionString;
            settings["OpenLedger:Storage:TableName"] = table;
            settings["OpenLedger:Storage:ArtifactContainer"] = container;
        }
        else
        {
            shared = new InMemoryArtifactStore(); // a model trained on one silo is attributed on any
        }

        var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = silos,
            ServiceId = $"{caseName}-{Guid.NewGuid():N}"[..40],
            Settings = settings,
            ArtifactStore = shared,
            ConfigureSilo = silo =>
            {
                silo.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout);
                silo.AddOutgoingGrainCallFilter<GrainCallCounter>(); // the calls silo code makes per inference
            },
            ConfigureClient = client => client.Services.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = ResponseTimeout),
        });
        return new BenchmarkCluster(cluster);
    }

    public async ValueTask DisposeAsync()
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}
