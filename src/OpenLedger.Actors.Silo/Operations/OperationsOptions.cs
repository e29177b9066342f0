using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Silo.Operations;

/// <summary>How the silo is operated (configuration section <c>OpenLedger:Operations</c>).</summary>
public sealed class OperationsOptions
{
    public const string Section = "OpenLedger:Operations";

    /// <summary>
    /// How long a stopping silo may take: it leaves the membership, lets in-flight calls (inferences waiting
    /// for their ledger batch) finish and deactivates its grains, which flush ledger batches and attribution
    /// totals. Kubernetes' <c>terminationGracePeriodSeconds</c> must be longer.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one storage ping of the readiness check may take before storage counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StoragePingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the readiness check waits for the ledger; a slower answer counts as degraded, a journal that failed verification as unhealthy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LedgerProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
