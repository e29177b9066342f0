using System.Net.Sockets;

namespace OpenLedger.Actors.TestSupport;

/// <summary>
/// Where the Azure storage tests find Azurite: <c>OPENLEDGER_AZURITE</c> (a connection string), else the
/// development storage on 127.0.0.1. <c>./test.sh</c> installs and starts Azurite before the tests.
/// </summary>
public static class AzuriteEnvironment
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("OPENLEDGER_AZURITE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>Cluster id, grain-state table and artifact container names no other test (or agent sharing this Azurite) uses.</summary>
    public static (string ClusterId, string Table, string Container) UniqueNames(string prefix)
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        return ($"{prefix}-{id}", $"Ops{id}", $"ops-{id}");
    }

    /// <summary>The blob and table ports of the connection string (an engineer's own Azurite), else Azurite's defaults.</summary>
    private static IEnumerable<int> Ports()
    {
        var endpoints = ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0] is "BlobEndpoint" or "TableEndpoint" && Uri.TryCreate(kv[1], UriKind.Absolute, out _))
            .Select(kv => new Uri(kv[1]).Port).ToList();
        return endpoints.Count > 0 ? endpoints : [10000, 10002];
    }

    /// <summary>Fails with a clear message (rather than hanging in retries) when Azurite is not listening.</summary>
    public static async Task RequireRunningAsync()
    {
        foreach (var port in Ports())
        {
            using var socket = new TcpClient();
            try
            {
                await socket.ConnectAsync("127.0.0.1", port).WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception e)
            {
                throw new InvalidOperationException(
                    $"Azurite is not listening on 127.0.0.1:{port} ({e.Message}). Run the tests with ./test.sh, which installs and starts Azurite.", e);
            }
        }
    }
}
