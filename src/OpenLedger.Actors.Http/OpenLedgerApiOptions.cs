using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Http;

/// <summary>The HTTP API's settings (section <c>OpenLedger:Api</c>).</summary>
public sealed class OpenLedgerApiOptions
{
    public const string Section = "OpenLedger:Api";

    /// <summary>Largest request body accepted, in bytes (Kestrel's limit; larger bodies get 413).</summary>
    [Range(1_024, 64L * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Requests each API key (or, without a key, each client address) may make per <see cref="RateLimitWindow"/>.</summary>
    [Range(1, 1_000_000)]
    public int RateLimitPermits { get; set; } = 600;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Keys known from configuration (e.g. the first operator key), by SHA-256 only; more keys are issued through the API.</summary>
    public List<ConfiguredApiKey> Keys { get; set; } = [];
}

/// <summary>An API key given in configuration: its id, the SHA-256 (hex) of the whole key, its account and roles.</summary>
public sealed class ConfiguredApiKey
{
    [Required] public string KeyId { get; set; } = "";
    [Required] public string Sha256 { get; set; } = "";
    [Required] public string Account { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}
