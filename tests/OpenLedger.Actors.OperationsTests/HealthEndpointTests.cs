using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenLedger.Actors.Silo.Operations.Health;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>The probes Kubernetes calls, on a real silo process whose clustering and storage are on Azurite.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Silo_on_Azure_storage_is_live_started_and_ready_with_every_check_healthy()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        await using var silo = await SiloProcess.StartReadyAsync(SiloSettings.OnAzurite("health"));
        using var http = new HttpClient { BaseAddress = silo.BaseAddress };

        using (var live = await http.GetAsync(HealthEndpoints.Live))
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var startup = await ReadReportAsync(http, HealthEndpoints.Startup);
        Assert.Equal(HttpStatusCode.OK, startup.Status);
        Assert.Equal(["silo-started"], startup.Checks.Keys);

        var ready = await ReadReportAsync(http, HealthEndpoints.Ready);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal(["ledger", "silo-membership", "silo-started", "storage"], ready.Checks.Keys.Order());
        Assert.All(ready.Checks.Values, status => Assert.Equal("Healthy", status));
    }

    [Fact]
    public async Task Storage_check_is_unhealthy_when_nothing_listens_on_the_storage_endpoint()
    {
        var closed = FreePorts.Take(1)[0];
        var connection = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={DevelopmentKey};" +
                         $"BlobEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{closed}/devstoreaccount1;";
        var check = new StorageHealthCheck(
            new TableServiceClient(connection, new TableClientOptions { Retry = { MaxRetries = 0 } }).GetTableClient("OpenLedgerGrainState"),
            new BlobServiceClient(connection, new BlobClientOptions { Retry = { MaxRetries = 0 } }).GetBlobContainerClient("openledger-artifacts"),
            TimeSpan.FromSeconds(10));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.NotNull(result.Exception);
    }

    [Fact]
    public async Task Storage_check_is_unhealthy_when_the_grain_state_table_is_missing_and_healthy_once_it_exists()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var (_, tableName, container) = AzuriteEnvironment.UniqueNames("health");
        var table = new TableServiceClient(AzuriteEnvironment.ConnectionString).GetTableClient(tableName);
        var check = new StorageHealthCheck(table, new BlobServiceClient(AzuriteEnvironment.ConnectionString).GetBlobContainerClient(container), TimeSpan.FromSeconds(10));

        var missing = await check.CheckHealthAsync(new HealthCheckContext());
        await table.CreateIfNotExistsAsync();
        try
        {
            var present = await check.CheckHealthAsync(new HealthCheckContext());

            Assert.Equal(HealthStatus.Unhealthy, missing.Status);
            Assert.Contains("404", missing.Description);
            Assert.Equal(HealthStatus.Healthy, present.Status); // the artifact container appears with the first artifact
        }
        finally
        {
            await table.DeleteAsync();
        }
    }

    /// <summary>Azurite's published development account key (not a secret).</summary>
    private const string DevelopmentKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadReportAsync(HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = json.RootElement.GetProperty("checks").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }
}
