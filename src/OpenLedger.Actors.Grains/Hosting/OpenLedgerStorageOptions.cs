using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Hosting;

/// <summary>Where state and artifacts live (configuration section <c>OpenLedger:Storage</c>).</summary>
public sealed class OpenLedgerStorageOptions : IValidatableObject
{
    public const string Section = "OpenLedger:Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.InMemory;

    /// <summary>Azure Storage connection string (e.g. <c>UseDevelopmentStorage=true</c> for Azurite). Keep real ones in secrets.</summary>
    public string? ConnectionString { get; set; }

    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    public string TableName { get; set; } = "OpenLedgerGrainState";

    [RegularExpression("^[a-z0-9](?:[a-z0-9]|-(?=[a-z0-9])){2,62}$")]
    public string ArtifactContainer { get; set; } = "openledger-artifacts";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.AzureStorage && string.IsNullOrWhiteSpace(ConnectionString))
            yield return new ValidationResult("OpenLedger:Storage:ConnectionString is required when the provider is AzureStorage.");
    }
}
