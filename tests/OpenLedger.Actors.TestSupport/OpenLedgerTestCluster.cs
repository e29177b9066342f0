using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Security;
using OpenLedger.Actors.Grains.Storage;
using Orleans.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.TestSupport;

/// <summary>
/// The one way tests start an in-process OpenLedger cluster: <see cref="InProcessTestClusterBuilder"/> with
/// <c>AddOpenLedger</c> on every silo, configured by <see cref="OpenLedgerClusterOptions"/> (silo count, settings, a shared
/// artifact store, wrapped storage, simulated time, a client acting as silo code). Set-ups that need more add it
/// through <see cref="OpenLedgerClusterOptions.ConfigureSilo"/> and <see cref="OpenLedgerClusterOptions.ConfigureClient"/>.
/// </summary>
public static class OpenLedgerTestCluster
{
    /// <summary>The name of the in-memory storage that <see cref="OpenLedgerClusterOptions.Storage"/> wraps.</summary>
    public const string InnerStorage = "inner";

    /// <summary>Builds and deploys the cluster; the caller stops and disposes it.</summary>
    public static async Task<InProcessTestCluster> StartAsync(OpenLedgerClusterOptions options)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(options.Settings ?? new Dictionary<string, string?>()).Build();
        var builder = new InProcessTestClusterBuilder(initialSilosCount: checked((short)options.Silos));
        if (options.ServiceId is { } serviceId) builder.Options.ServiceId = serviceId;
        if (options.ClientActsAsSilo)
            builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
        if (options.ConfigureClient is { } configureClient) builder.ConfigureClient(configureClient);
        builder.ConfigureSilo((_, silo) =>
        {
            if (options.ArtifactStore is { } artifacts) silo.Services.AddSingleton(artifacts);
            if (options.Clock is { } clock) silo.UseSimulatedTime(clock); // before AddOpenLedger, which keeps it
            silo.AddOpenLedger(configuration);
            if (options.Storage is { } wrap)
            {
                silo.AddMemoryGrainStorage(InnerStorage);
                silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState,
                    (services, _) => wrap(services.GetRequiredKeyedService<IGrainStorage>(InnerStorage), services));
            }
            options.ConfigureSilo?.Invoke(silo);
        });
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }
}
