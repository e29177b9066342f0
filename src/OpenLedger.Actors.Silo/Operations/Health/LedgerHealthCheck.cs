using Microsoft.Extensions.Diagnostics.HealthChecks;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.Silo.Operations.Health;

/// <summary>
/// Unhealthy when the ledger refuses to serve because its journal failed verification (a missing, truncated or
/// altered record, or a head witness that does not match) in any of its partitions (the summary asks every one): the
/// silo must not take traffic that would find the ledger refusing. A ledger that does not answer within <paramref name="timeout"/> (still replaying its journal after a
/// restart, or the cluster still forming) is only degraded, which keeps the silo ready.
/// </summary>
public sealed class LedgerHealthCheck(LedgerRouter ledger, TimeSpan timeout) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var summary = await ledger.GetSummaryAsync().WaitAsync(timeout, cancellationToken); // every partition answers, or the check fails
            return HealthCheckResult.Healthy(summary.Partitions == 1
                ? $"The ledger's journal verified: {summary.BatchCount} records, head {summary.HeadHash}."
                : $"The journals of all {summary.Partitions} ledger partitions verified: {summary.BatchCount} records, combined head {summary.HeadHash}; {summary.OwedCredits} credits owed between partitions.");
        }
        catch (LedgerIntegrityException e)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
        catch (TimeoutException)
        {
            return HealthCheckResult.Degraded($"The ledger did not answer within {timeout.TotalSeconds:0.#} s (it may still be replaying its journal).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Degraded($"The ledger could not be asked: {e.GetType().Name}.", e);
        }
    }
}
