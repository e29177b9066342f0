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

    /// <summary>
    /// Where the management endpoint listens: <c>/metrics</c> (Prometheus) is served here and only here, never on the
    /// public HTTP port (<c>Urls</c>); health endpoints answer on both. One URL with an explicit port.
    /// </summary>
    [Required, RegularExpression(@"^https?://[^/;]+:[0-9]{1,5}/?$", ErrorMessage = "ManagementUrls must be one URL with an explicit port, e.g. http://127.0.0.1:5090.")]
    public string ManagementUrls { get; set; } = "http://127.0.0.1:5090";

    public int ManagementPort => int.Parse(ManagementUrls.TrimEnd('/')[(ManagementUrls.TrimEnd('/').LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>How long one storage ping of the readiness check may take before storage counts as unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan StoragePingTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long the readiness check waits for the ledger; a slower answer counts as degraded, a journal that failed verification as unhealthy.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan LedgerProbeTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
