using OpenLedger.Actors.Grains.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>Three silos in one process with in-memory grain storage and one artifact store shared by all silos.</summary>
public sealed class InMemoryClusterFixture : IAsyncLifetime
{
    private readonly InMemoryArtifactStore _artifacts = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions { Silos = 3, ArtifactStore = _artifacts });
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
