using System.ComponentModel.DataAnnotations;
using OpenLedger.Actors.Grains.Hosting;

namespace OpenLedger.Actors.Silo.Hosting;

/// <summary>How this silo finds the others (configuration section <c>OpenLedger:Clustering</c>).</summary>
public sealed class ClusteringOptions : IValidatableObject
{
    public const string Section = "OpenLedger:Clustering";

    /// <summary><c>Localhost</c> (single machine) or <c>AzureStorage</c> (membership table in Azure Tables / Azurite).</summary>
    public string Provider { get; set; } = "Localhost";

    /// <summary>Connection string for the membership table; defaults to the storage connection string.</summary>
    public string? ConnectionString { get; set; }

    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")] public string ClusterId { get; set; } = "openledger";
    [Required, RegularExpression("^[A-Za-z0-9._-]{1,64}$")] public string ServiceId { get; set; } = "openledger";
    [Range(1, 65_535)] public int SiloPort { get; set; } = 11_111;
    [Range(1, 65_535)] public int GatewayPort { get; set; } = 30_000;

    /// <summary>The address other silos reach this one on (Kubernetes: the pod IP). Defaults to loopback.</summary>
    public string? AdvertisedIPAddress { get; set; }

    public bool UsesAzureStorage => string.Equals(Provider, nameof(StorageProvider.AzureStorage), StringComparison.OrdinalIgnoreCase);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!UsesAzureStorage && !string.Equals(Provider, "Localhost", StringComparison.OrdinalIgnoreCase))
            yield return new ValidationResult($"Unknown clustering provider '{Provider}'; use Localhost or AzureStorage.");
    }
}
