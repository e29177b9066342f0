using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OpenLedger.Actors.Silo.Operations.Health;

/// <summary>Healthy while this silo is <c>Active</c> in the cluster membership it sees (joined, not shutting down or declared dead).</summary>
public sealed class SiloMembershipHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = membership.CurrentSnapshot;
        var status = snapshot.GetSiloStatus(local.SiloAddress);
        var active = snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);
        var data = new Dictionary<string, object>
        {
            ["silo"] = local.SiloAddress.ToString(),
            ["status"] = status.ToString(),
            ["activeSilos"] = active,
            ["membershipVersion"] = snapshot.Version.Value,
        };
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {local.SiloAddress} is active ({active} active silos).", data)
            : HealthCheckResult.Unhealthy($"Silo {local.SiloAddress} is {status}, not active.", data: data));
    }
}
