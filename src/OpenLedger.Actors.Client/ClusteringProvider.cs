namespace OpenLedger.Actors.Client;

public enum ClusteringProvider
{
    /// <summary>A silo on this machine (the embedded default, gateway on <see cref="OpenLedgerClientOptions.GatewayPort"/>).</summary>
    Localhost = 0,
    /// <summary>Silos found through the Azure Table membership table (Azure or Azurite).</summary>
    AzureStorage = 1,
}
