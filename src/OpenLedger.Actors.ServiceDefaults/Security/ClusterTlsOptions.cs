using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.ServiceDefaults.Security;

/// <summary>
/// TLS with client certificates on the cluster's connections (configuration section <c>OpenLedger:Tls</c> on silos,
/// <c>OpenLedger:Client:Tls</c> on clients). Certificates are PEM files: this process's certificate and key, and the
/// cluster's CA. A Kubernetes TLS Secret mounted as a folder (<c>tls.crt</c>, <c>tls.key</c>, <c>ca.crt</c>) is named by
/// <see cref="Directory"/> alone. Off by default (the embedded single silo talks only to itself on loopback).
/// </summary>
public sealed class ClusterTlsOptions : IValidatableObject
{
    public const string SiloSection = "OpenLedger:Tls";

    public bool Enabled { get; set; }

    /// <summary>A folder holding <c>tls.crt</c>, <c>tls.key</c> and <c>ca.crt</c> (a Kubernetes TLS Secret mount); the paths below override its files.</summary>
    public string? Directory { get; set; }

    /// <summary>This process's certificate (PEM). Silos: a silo certificate (server and client authentication); clients: a client certificate.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The certificate's private key (PEM, unencrypted: protect the file, or the Secret, instead).</summary>
    public string? KeyPath { get; set; }

    /// <summary>The cluster CA (PEM): the only issuer trusted for the other side's certificate.</summary>
    public string? CaPath { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public string? ResolvedCertificatePath => CertificatePath ?? InDirectory("tls.crt");
    public string? ResolvedKeyPath => KeyPath ?? InDirectory("tls.key");
    public string? ResolvedCaPath => CaPath ?? InDirectory("ca.crt");

    private string? InDirectory(string file) => string.IsNullOrWhiteSpace(Directory) ? null : Path.Combine(Directory, file);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enabled) yield break;
        foreach (var (name, path) in new[] { ("CertificatePath", ResolvedCertificatePath), ("KeyPath", ResolvedKeyPath), ("CaPath", ResolvedCaPath) })
        {
            if (string.IsNullOrWhiteSpace(path)) yield return new ValidationResult($"TLS is enabled but {name} (or Directory) is not set.", [name]);
            else if (!File.Exists(path)) yield return new ValidationResult($"TLS {name} '{path}' does not exist.", [name]);
        }
    }
}
