using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Storage;
using Orleans.TestingHost;
using OpenLedger.Actors.Grains.Security;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>A two-silo cluster whose grain storage fails writes according to a <see cref="FaultPlan"/>.</summary>
internal static class FaultyCluster
{
    /// <param name="maxBatchTransfers">Small ledger batches mean more journal writes, so more chances for a fault.</param>
    public static async Task<InProcessTestCluster> StartAsync(FaultPlan plan, int maxBatchTransfers)
    {
        var artifacts = new InMemoryArtifactStore(); // shared by the silos
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["OpenLedger:Ledger:MaxBatchTransfers"] = maxBatchTransfers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            .Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 2);
        builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IArtifactStore>(artifacts);
            silo.AddOpenLedger(configuration);
            silo.AddMemoryGrainStorage("inner");
            silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState,
                (services, _) => new FaultyGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("inner"), plan));
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
