using OpenLedger.Actors.IntegrationTests;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>Azurite as these tests use it (shared with the integration tests' <see cref="AzuriteEnvironment"/>; <c>./test.sh</c> starts it).</summary>
internal static class Azurite
{
    public static string ConnectionString => AzuriteEnvironment.ConnectionString;

    public static Task RequireRunningAsync() => AzuriteEnvironment.RequireRunningAsync();

    /// <summary>Cluster id, grain-state table and artifact container names no other test (or agent sharing this Azurite) uses.</summary>
    public static (string ClusterId, string Table, string Container) UniqueNames(string prefix)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return ($"{prefix}-{id}", $"Ops{id}", $"ops-{id}");
    }
}
