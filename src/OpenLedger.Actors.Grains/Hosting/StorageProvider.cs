namespace OpenLedger.Actors.Grains.Hosting;

public enum StorageProvider
{
    /// <summary>The embedded default: grain state and artifacts in memory (nothing survives a restart).</summary>
    InMemory = 0,
    /// <summary>Azure Table storage for grain state and Azure Blob storage for artifacts (Azure or Azurite).</summary>
    AzureStorage = 1,
}
