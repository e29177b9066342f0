using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Security;

/// <summary>The cluster's internal-call key (configuration section <c>OpenLedger:Security</c>).</summary>
public sealed class InternalCallOptions : IValidatableObject
{
    public const string Section = "OpenLedger:Security";
    public const int MinimumKeyBytes = 32;

    /// <summary>
    /// Base64 of at least 32 random bytes, the same on every silo of a cluster and given to nothing else (Kubernetes: the
    /// <c>openledger-internal-call-key</c> Secret). Silos prove with it that a call to an internal interface comes from
    /// silo code. Unset: a random key for this process, which is right only when every silo runs in this process (the
    /// embedded default, in-process test clusters); a silo on Azure Table clustering refuses to start without it.
    /// </summary>
    public string? InternalCallKey { get; set; }

    /// <summary>How far (either way) a proof's minute may be from the receiving silo's clock.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "00:30:00")]
    public TimeSpan ClockTolerance { get; set; } = TimeSpan.FromMinutes(2);

    public byte[]? KeyBytes()
    {
        if (string.IsNullOrWhiteSpace(InternalCallKey)) return null;
        try
        {
            return Convert.FromBase64String(InternalCallKey.Trim());
        }
        catch (FormatException)
        {
            return [];
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyBytes() is { } key && key.Length < MinimumKeyBytes)
            yield return new ValidationResult($"{Section}:InternalCallKey must be base64 of at least {MinimumKeyBytes} random bytes (e.g. `openssl rand -base64 32`).");
    }
}
