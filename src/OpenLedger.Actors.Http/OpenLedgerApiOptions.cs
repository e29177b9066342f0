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

    /// <summary>Failed authentications (malformed, unknown, wrong or revoked keys) one client address may make per
    /// <see cref="AuthFailureWindow"/>; beyond that every request with a key is 429 <c>auth.too_many_failures</c> until the window ends.</summary>
    [Range(1, 100_000)]
    public int AuthFailurePermits { get; set; } = 20;

    public TimeSpan AuthFailureWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Base64 of at least 32 random bytes: key ids carry an HMAC with it, so an unknown key id is refused without a
    /// storage read or a grain activation. The same on every silo (Kubernetes: the <c>openledger-api</c> Secret). Unset:
    /// a random secret for this process — right only with in-memory storage, where issued keys end with the process.
    /// </summary>
    public string? KeyIdSecret { get; set; }

    /// <summary>Migration from keys issued before key ids were signed (16 hex digits, no MAC): while true, such ids are
    /// still looked up in storage. Reissue those keys, revoke the old ones, then turn this off (the default).</summary>
    public bool AcceptUnsignedKeyIds { get; set; }

    /// <summary>How many of each kind of thing one API key may create per <see cref="CreationQuotaWindow"/> (429 <c>quota.{kind}</c> beyond).</summary>
    public CreationQuotas CreationQuotas { get; set; } = new();

    public TimeSpan CreationQuotaWindow { get; set; } = TimeSpan.FromDays(1);

    /// <summary>
    /// How long an <c>Idempotency-Key</c> response record is kept: after it the key is free again (a replay runs the
    /// request afresh; the operations behind it stay idempotent by their own ids) and the record is deleted.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Keys known from configuration (e.g. the first operator key), by SHA-256 only; more keys are issued through the API.</summary>
    public List<ConfiguredApiKey> Keys { get; set; } = [];
}

/// <summary>Creations per API key per window, by kind. Repeats of a create count too; an Idempotency-Key replay does not.</summary>
public sealed class CreationQuotas
{
    [Range(1, 1_000_000)] public int Datanets { get; set; } = 20;
    [Range(1, 1_000_000)] public int Models { get; set; } = 50;
    [Range(1, 10_000_000)] public int Sessions { get; set; } = 1_000;
    [Range(1, 1_000_000)] public int ApiKeys { get; set; } = 100;

    public int For(string kind) => kind switch
    {
        CreationKinds.Datanets => Datanets,
        CreationKinds.Models => Models,
        CreationKinds.Sessions => Sessions,
        CreationKinds.ApiKeys => ApiKeys,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown creation kind."),
    };
}

public static class CreationKinds
{
    public const string Datanets = "datanets";
    public const string Models = "models";
    public const string Sessions = "sessions";
    public const string ApiKeys = "api_keys";
}

/// <summary>An API key given in configuration: its id, the SHA-256 (hex) of the whole key, its account and roles.</summary>
public sealed class ConfiguredApiKey
{
    [Required] public string KeyId { get; set; } = "";
    [Required] public string Sha256 { get; set; } = "";
    [Required] public string Account { get; set; } = "";
    public List<string> Roles { get; set; } = [];
}
