namespace OpenLedger.Actors.Silo.Operations.Health;

/// <summary>The silo's probe endpoints and the health-check tags that select what each one runs.</summary>
public static class HealthEndpoints
{
    /// <summary>Liveness: the process answers HTTP. Runs no check, so a slow dependency never gets the pod restarted.</summary>
    public const string Live = "/health/live";

    /// <summary>Readiness: the silo is an active cluster member, is not stopping, and its storage answers.</summary>
    public const string Ready = "/health/ready";

    /// <summary>Startup: the host (and with it the silo) has finished starting.</summary>
    public const string Startup = "/health/startup";

    public const string ReadyTag = "ready";
    public const string StartupTag = "startup";
}
