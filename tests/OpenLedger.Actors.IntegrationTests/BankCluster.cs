using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Configuration;
using Orleans.Storage;
using Orleans.TestingHost;
using OpenLedger.Actors.Grains.Security;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A three-silo cluster whose grain state lives in Azure Table storage (Azurite) behind a fault-injecting
/// wrapper, tuned to notice a killed silo within a few seconds (short probes and call timeouts). The ledger is split
/// into <c>partitions</c> and checkpoints every <c>checkpointEveryRecords</c> journal records; the checkpoint artifacts
/// (<see cref="Artifacts"/>) and the unfaulted table storage (<see cref="Storage"/>) are exposed for the final checks.
/// </summary>
internal sealed class BankCluster
{
    private BankCluster(InProcessTestCluster cluster, InMemoryArtifactStore artifacts, Func<IGrainStorage> storage) =>
        (Cluster, Artifacts, _storage) = (cluster, artifacts, storage);

    private readonly Func<IGrainStorage> _storage;

    public InProcessTestCluster Cluster { get; }

    /// <summary>The checkpoint artifacts of every silo (shared, so they survive silo kills as blobs would).</summary>
    public InMemoryArtifactStore Artifacts { get; }

    /// <summary>The Azure Table grain storage without the fault wrapper (of the silo started last).</summary>
    public IGrainStorage Storage => _storage();

    public static async Task<BankCluster> StartAsync(string serviceId, FaultPlan plan, int partitions, int checkpointEveryRecords)
    {
        var artifacts = new InMemoryArtifactStore(); // shared by all silos, including replacements
        IGrainStorage? latest = null;
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenLedger:Ledger:MaxBatchTransfers"] = "200",
            ["OpenLedger:Ledger:Partitions"] = partitions.ToString(CultureInfo.InvariantCulture),
            ["OpenLedger:Ledger:CheckpointEveryRecords"] = checkpointEveryRecords.ToString(CultureInfo.InvariantCulture),
            // Parameter changes voted in during the run (real time: long enough for four votes on a loaded machine).
            ["OpenLedger:Governance:VotingDelay"] = "00:00:00",
            ["OpenLedger:Governance:VotingPeriod"] = "00:00:20",
            ["OpenLedger:Governance:Timelock"] = "00:00:00",
        }).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 3);
        builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
        builder.Options.ServiceId = serviceId; // isolates this run's rows in the shared table
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IArtifactStore>(artifacts);
            silo.AddOpenLedger(configuration);
            silo.AddAzureTableGrainStorage("azurite", options =>
            {
                options.TableServiceClient = new TableServiceClient(AzuriteEnvironment.ConnectionString);
                options.TableName = "OpenLedgerBankTest";
            });
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState, (services, _) =>
                new FaultyGrainStorage(latest = services.GetRequiredKeyedService<IGrainStorage>("azurite"), plan));
            silo.Configure<ClusterMembershipOptions>(options =>
            {
                options.ProbeTimeout = TimeSpan.FromSeconds(1);
                options.NumMissedProbesLimit = 2;
                options.NumVotesForDeathDeclaration = 1;
                options.TableRefreshTimeout = TimeSpan.FromSeconds(1);
            });
            silo.Configure<SiloMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(8));
        });
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(options => options.ResponseTimeout = TimeSpan.FromSeconds(8)));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new BankCluster(cluster, artifacts, () => latest ?? throw new InvalidOperationException("No silo has used its grain storage yet."));
    }
}
