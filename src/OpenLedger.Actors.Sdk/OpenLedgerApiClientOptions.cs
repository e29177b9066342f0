using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Sdk;

/// <summary>Where the API is and who is calling (configuration section <c>OpenLedger:Api:Client</c>); validated when the host starts.</summary>
public sealed class OpenLedgerApiClientOptions : IValidatableObject
{
    public const string Section = "OpenLedger:ApiClient";

    /// <summary>The API's base address, e.g. <c>https://ledger.example.com</c> (the client adds <c>/api/v1/…</c>).</summary>
    [Required] public Uri? BaseAddress { get; set; }

    /// <summary>The API key (<c>olk_{keyId}_{secret}</c>), from a secret store or the environment, never from source.</summary>
    [Required] public string? ApiKey { get; set; }

    /// <summary>Time limit of one attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")] public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Time limit of a call including its retries.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")] public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Retries after the first attempt, for transient failures only (5xx, 408, 429, lost connections). Every
    /// mutating call carries an Idempotency-Key, so a retry never applies twice.</summary>
    [Range(0, 10)] public int MaxRetryAttempts { get; set; } = 3;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseAddress is { } address && (!address.IsAbsoluteUri || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp)))
            yield return new ValidationResult("BaseAddress must be an absolute http(s) URL.", [nameof(BaseAddress)]);
        if (BaseAddress is { IsAbsoluteUri: true, Scheme: "http" } plain && !plain.IsLoopback)
            yield return new ValidationResult("BaseAddress must use https unless it is this machine: the API key travels in a header.", [nameof(BaseAddress)]);
        if (ApiKey is { } key && (!key.StartsWith("olk_", StringComparison.Ordinal) || key.Count(c => c == '_') < 2 || key.Length > 128))
            yield return new ValidationResult("ApiKey is not in the form olk_{keyId}_{secret}.", [nameof(ApiKey)]);
        if (AttemptTimeout >= TotalTimeout)
            yield return new ValidationResult("AttemptTimeout must be shorter than TotalTimeout.", [nameof(AttemptTimeout)]);
    }
}
