using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace OpenLedger.Actors.Sdk;

public static class OpenLedgerApiServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IOpenLedgerApi"/> as a typed <c>HttpClient</c> (IHttpClientFactory): base address and API key
    /// from <see cref="OpenLedgerApiClientOptions"/> (bound from <paramref name="configuration"/>'s
    /// <c>OpenLedger:ApiClient</c> section when given, then <paramref name="configure"/>; validated when the host starts), and
    /// the standard resilience pipeline of Microsoft.Extensions.Http.Resilience (Polly v8: total timeout, retries with
    /// jittered backoff on transient failures honouring Retry-After, circuit breaker, per-attempt timeout).
    /// </summary>
    public static IHttpClientBuilder AddOpenLedgerApiClient(this IServiceCollection services, IConfiguration? configuration = null, Action<OpenLedgerApiClientOptions>? configure = null)
    {
        var options = services.AddOptions<OpenLedgerApiClientOptions>();
        if (configuration is not null) options.Bind(configuration.GetSection(OpenLedgerApiClientOptions.Section));
        if (configure is not null) options.Configure(configure);
        options.ValidateDataAnnotations().ValidateOnStart();

        var client = services.AddHttpClient<IOpenLedgerApi, OpenLedgerApiClient>((sp, http) =>
        {
            var settings = sp.GetRequiredService<IOptions<OpenLedgerApiClientOptions>>().Value;
            http.BaseAddress = new Uri(settings.BaseAddress!.AbsoluteUri.TrimEnd('/') + "/");
            http.DefaultRequestHeaders.Add(OpenLedgerApiClient.ApiKeyHeader, settings.ApiKey);
            http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline's timeouts decide
        });
        client.AddResilienceHandler("openledger", (pipeline, context) =>
        {
            var settings = context.ServiceProvider.GetRequiredService<IOptions<OpenLedgerApiClientOptions>>().Value;
            var standard = new HttpStandardResilienceOptions();
            standard.TotalRequestTimeout.Timeout = settings.TotalTimeout;
            standard.AttemptTimeout.Timeout = settings.AttemptTimeout;
            standard.Retry.MaxRetryAttempts = Math.Max(1, settings.MaxRetryAttempts);
            standard.Retry.ShouldRetryAfterHeader = true;
            if (settings.MaxRetryAttempts == 0) standard.Retry.ShouldHandle = _ => ValueTask.FromResult(false);
            standard.CircuitBreaker.SamplingDuration = TimeSpan.FromTicks(Math.Max(settings.AttemptTimeout.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            pipeline.AddTimeout(standard.TotalRequestTimeout)
                .AddRetry(standard.Retry)
                .AddCircuitBreaker(standard.CircuitBreaker)
                .AddTimeout(standard.AttemptTimeout);
        });
        return client;
    }
}
