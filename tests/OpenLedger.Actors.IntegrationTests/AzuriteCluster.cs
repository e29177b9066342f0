using OpenLedger.Actors.Grains.Hosting;
using Orleans.TestingHost;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>An in-process cluster whose grain state and artifacts live in Azurite (shared test table and container).</summary>
internal static class AzuriteCluster
{
    public const string TableName = "OpenLedgerTestState";

    /// <summary>Starts <paramref name="silos"/> silos; <paramref name="serviceId"/> isolates this run's rows in the shared
    /// tables, and <paramref name="settings"/> adds configuration keys (e.g. flush intervals).</summary>
    public static async Task<InProcessTestCluster> StartAsync(string serviceId, int silos, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["OpenLedger:Storage:Provider"] = nameof(StorageProvider.AzureStorage),
            ["OpenLedger:Storage:ConnectionString"] = AzuriteEnvironment.ConnectionString,
            ["OpenLedger:Storage:TableName"] = TableName,
            ["OpenLedger:Storage:ArtifactContainer"] = "openledger-test-artifacts",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) values[key] = value;
        return await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions { Silos = silos, ServiceId = serviceId, Settings = values });
    }
}
