using System.ComponentModel.DataAnnotations;
using OpenLedger.Actors.ServiceDefaults.Security;

namespace OpenLedger.Actors.Client;

/// <summary>How the client finds the cluster and how patient it is (configuration section <c>OpenLedger:Client</c>).</summary>
public sealed class OpenLedgerClientOptions : IValidatableObject
{
    public const string Section = "OpenLedger:Client";

    public ClusteringProvider Clustering { get; set; } = ClusteringProvider.Localhost;

    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")] public string ClusterId { get; set; } = "openledger";
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")] public string ServiceId { get; set; } = "openledger";

    /// <summary>The gateway's host for <see cref="ClusteringProvider.Localhost"/>: this machine by default, or a named silo host.</summary>
    [Required] public string GatewayHost { get; set; } = "localhost";

    [Range(1, 65_535)] public int GatewayPort { get; set; } = 30_000;

    /// <summary>Azure Storage connection string for <see cref="ClusteringProvider.AzureStorage"/>.</summary>
    public string? AzureStorageConnectionString { get; set; }

    /// <summary>
    /// The client certificate, its key and the cluster CA (section <c>OpenLedger:Client:Tls</c>), for a cluster whose
    /// gateways require TLS: only services holding a client certificate issued by the cluster CA can connect.
    /// </summary>
    public ClusterTlsOptions Tls { get; set; } = new();

    /// <summary>Per-attempt time limit.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt (every operation the client exposes is idempotent).</summary>
    [Range(0, 10)] public int MaxRetryAttempts { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:00.001", "00:01:00")] public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The circuit opens when at least this share of calls in the sampling window failed transiently…</summary>
    [Range(0.01, 1.0)] public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many calls were made in it.</summary>
    [Range(2, 100_000)] public int CircuitBreakerMinimumThroughput { get; set; } = 20;

    /// <summary>How long an open circuit fails calls fast before letting a trial call through.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")] public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Clustering == ClusteringProvider.AzureStorage && string.IsNullOrWhiteSpace(AzureStorageConnectionString))
            yield return new ValidationResult("AzureStorageConnectionString is required for Azure Storage clustering.", [nameof(AzureStorageConnectionString)]);
        else if (Clustering == ClusteringProvider.AzureStorage && !IsConnectionString(AzureStorageConnectionString!))
            yield return new ValidationResult("AzureStorageConnectionString is not a valid Azure Storage connection string.", [nameof(AzureStorageConnectionString)]);
        foreach (var problem in TlsProblems()) yield return problem;
        if (Clustering == ClusteringProvider.Localhost && GatewayHost is { } host && Uri.CheckHostName(host) == UriHostNameType.Unknown)
            yield return new ValidationResult($"GatewayHost '{host}' is not a host name or IP address.", [nameof(GatewayHost)]);
    }

    private IEnumerable<ValidationResult> TlsProblems()
    {
        var problems = new List<ValidationResult>();
        Validator.TryValidateObject(Tls, new ValidationContext(Tls), problems, validateAllProperties: true);
        return problems.Select(p => new ValidationResult("Tls: " + p.ErrorMessage, p.MemberNames.Select(m => "Tls." + m)));
    }

    private static bool IsConnectionString(string value)
    {
        try
        {
            _ = new Azure.Data.Tables.TableServiceClient(value);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }
}
