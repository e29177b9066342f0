using Orleans.Runtime;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace OpenLedger.Actors.Client;

/// <summary>
/// The Polly v8 pipeline around every client call: retry with exponential back-off and jitter (outermost),
/// a circuit breaker, and a per-attempt timeout. Only transient failures are retried — a refusal
/// (<see cref="OpenLedgerException"/>) is an answer, never retried. An open circuit fails an attempt fast;
/// the retry treats that as transient too, so a call can still succeed once the circuit lets trials through.
/// Only calls that are safe to repeat are retried: the client marks the one call whose repetition could do
/// more than the first (<see cref="NotRetryable"/>, e.g. publishing a Datanet version) and it gets one attempt.
/// </summary>
public static class OpenLedgerResilience
{
    /// <summary>Set on a call's <see cref="ResilienceContext"/> when repeating it is not known to be harmless.</summary>
    public static readonly ResiliencePropertyKey<bool> NotRetryable = new("openledger.not-retryable");

    public static ResiliencePipeline Build(OpenLedgerClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder();
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(
                    !args.Context.Properties.GetValue(NotRetryable, false)
                    && args.Outcome.Exception is { } e && (IsTransient(e) || e is BrokenCircuitException)),
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        }
        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                FailureRatio = options.CircuitBreakerFailureRatio,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.CircuitBreakDuration,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
    }

    /// <summary>Worth another attempt: the cluster or storage was briefly unavailable, or the attempt timed out.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        OpenLedgerException => false,
        LedgerUnavailableException => true,
        TimeoutRejectedException or TimeoutException => true,
        SiloUnavailableException => true,
        OrleansMessageRejectionException => true,
        _ => false,
    };
}
