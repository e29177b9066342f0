using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using Orleans.TestingHost;
using OpenLedger.Actors.Grains.Security;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>Three silos in one process with in-memory grain storage and one artifact store shared by all silos.</summary>
public sealed class InMemoryClusterFixture : IAsyncLifetime
{
    private readonly InMemoryArtifactStore _artifacts = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 3);
        builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
        builder.ConfigureSilo((_, silo) =>
        {
            silo.Services.AddSingleton<IArtifactStore>(_artifacts);
            silo.AddOpenLedger(new ConfigurationBuilder().Build());
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        await Cluster.StopAllSilosAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class InMemoryClusterCollection : ICollectionFixture<InMemoryClusterFixture>
{
    public const string Name = "in-memory cluster";
}
