using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenLedger.Actors.Silo.Operations.Health;

/// <summary>
/// Pings the Azure storage the silo depends on: a one-row query on the grain-state table (created when the
/// silo starts, so a missing table is unhealthy) and an existence check of the artifact container (created on
/// the first artifact write, so either answer counts: the blob service is reachable and accepts the credentials).
/// </summary>
public sealed class StorageHealthCheck(TableClient table, BlobContainerClient artifacts, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: limit.Token).AsPages(pageSizeHint: 1).WithCancellation(limit.Token))
                break;
            await artifacts.ExistsAsync(limit.Token);
            return HealthCheckResult.Healthy($"Table '{table.Name}' and container '{artifacts.Name}' answer.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy($"Storage did not answer within {timeout.TotalSeconds:0.#} s.");
        }
        catch (RequestFailedException e)
        {
            return HealthCheckResult.Unhealthy($"Storage refused the ping: {e.Status} {e.ErrorCode}.", e);
        }
        catch (Exception e) when (e is AggregateException or HttpRequestException or IOException)
        {
            return HealthCheckResult.Unhealthy("Storage is unreachable.", e);
        }
    }
}
