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
/// wrapper, tuned to notice a killed silo within a few seconds (short probes and call timeouts).
/// </summary>
internal static class BankCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string serviceId, FaultPlan plan)
    {
        var artifacts = new InMemoryArtifactStore(); // shared by all silos, including replacements
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["OpenLedger:Ledger:MaxBatchTransfers"] = "200",
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
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState,
                (services, _) => new FaultyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("azurite"), plan));
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
        return cluster;
    }
}
