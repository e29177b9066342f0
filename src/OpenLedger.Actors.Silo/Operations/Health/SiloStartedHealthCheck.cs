using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenLedger.Actors.Silo.Operations.Health;

/// <summary>
/// Healthy once the host has started — the Orleans silo is a hosted service, so it has joined the cluster
/// by then — and unhealthy again while the host is stopping (readiness uses that to take the silo out of
/// the load balancer before it drains).
/// </summary>
public sealed class SiloStartedHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            lifetime.ApplicationStopping.IsCancellationRequested ? HealthCheckResult.Unhealthy("The silo is shutting down.")
            : lifetime.ApplicationStarted.IsCancellationRequested ? HealthCheckResult.Healthy("The silo has started.")
            : HealthCheckResult.Unhealthy("The silo is still starting."));
}
