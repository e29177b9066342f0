using OpenLedger.Actors.Grains.Storage;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>A two-silo cluster whose grain storage fails writes according to a <see cref="FaultPlan"/>.</summary>
internal static class FaultyCluster
{
    /// <param name="maxBatchTransfers">Small ledger batches mean more journal writes, so more chances for a fault.</param>
    public static async Task<InProcessTestCluster> StartAsync(FaultPlan plan, int maxBatchTransfers)
    {
        return await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions
        {
            Silos = 2,
            Settings = new Dictionary<string, string?> { ["OpenLedger:Ledger:MaxBatchTransfers"] = maxBatchTransfers.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ArtifactStore = new InMemoryArtifactStore(), // shared by the silos
            Storage = (inner, _) => new FaultyGrainStorage(inner, plan),
        });
    }
}
