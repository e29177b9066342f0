using System.Net.Sockets;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Where the Azure storage tests find Azurite: <c>OPENLEDGER_AZURITE</c> (a connection string), else the
/// development storage on 127.0.0.1. <c>./test.sh</c> installs and starts Azurite before the tests.
/// </summary>
internal static class AzuriteEnvironment
{
    public static string ConnectionString =>
        Environment.GetEnvironmentVariable("OPENLEDGER_AZURITE") is { Length: > 0 } value ? value : "UseDevelopmentStorage=true";

    /// <summary>The port of an endpoint named in <see cref="ConnectionString"/> (an Azurite on other ports), else Azurite's default.</summary>
    private static int PortOf(string endpoint, int fallback) =>
        ConnectionString.Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(kv => kv.Length == 2 && kv[0].Trim().Equals(endpoint, StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(kv[1].Trim(), UriKind.Absolute, out _))
            .Select(kv => new Uri(kv[1].Trim()).Port)
            .DefaultIfEmpty(fallback)
            .First();

    /// <summary>Fails with a clear message (rather than hanging in retries) when Azurite is not listening.</summary>
    public static async Task RequireRunningAsync()
    {
        foreach (var port in new[] { PortOf("BlobEndpoint", 10000), PortOf("TableEndpoint", 10002) })
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
