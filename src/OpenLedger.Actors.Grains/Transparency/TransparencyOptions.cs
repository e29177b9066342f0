using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Transparency;

/// <summary>Settings of the transparency log (section <c>OpenLedger:Transparency</c>).</summary>
public sealed class TransparencyOptions
{
    public const string Section = "OpenLedger:Transparency";

    /// <summary>
    /// PEM file holding the operator's ECDSA P-256 private key (PKCS#8) that signs tree heads; in Kubernetes a mounted
    /// Secret. Unset: each silo process makes an ephemeral key and logs a warning — heads it signed cannot be checked
    /// after it stops, so production must set this.
    /// </summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>A new head is signed at most this often (when the log grew); between, the last head is answered.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan HeadInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Period of the recorded-id pages that make an append exactly once (as the attribution totals').</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RecordedIdPeriod { get; set; } = TimeSpan.FromHours(1);
}
