using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Client;
using Polly;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// The client SDK's resilience pipeline against real failures: ledger journal writes fail (before or after
/// reaching storage), the inference call surfaces that as a transient error, the SDK retries with the same
/// idempotency key — and every inference is charged exactly once.
/// </summary>
public sealed class ClientRetryTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Retried_inferences_through_the_sdk_never_double_charge()
    {
        var plan = new FaultPlan(seed: 99, probability: 0.25, statePrefixes: "journal-") { Enabled = false };
        await using var cluster = await FaultyCluster.StartAsync(plan, maxBatchTransfers: 4);
        var scenario = new Scenario(cluster.Client, "sdk") { TrainingRows = 200 };
        await scenario.SetUpAsync(deposit: 1_000_000);
        // This test is about retry safety, so the circuit breaker is set so that it cannot trip (see the test below for it).
        var client = new OpenLedgerClient(cluster.Client, new OpenLedgerClientOptions
        {
            MaxRetryAttempts = 10,
            RetryBaseDelay = TimeSpan.FromMilliseconds(5),
            CircuitBreakerMinimumThroughput = 100_000,
        });

        plan.Enabled = true;
        const int inferences = 80;
        var results = new InferenceResult[inferences];
        await Parallel.ForEachAsync(Enumerable.Range(0, inferences), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
            results[i] = await client.InferAsync(scenario.SessionId, new InferenceRequest($"q{i}", scenario.QueryFeatures(i))));
        plan.Enabled = false;

        output.WriteLine($"faults injected before/after write: {plan.BeforeWriteFaults}/{plan.AfterWriteFaults}");
        Assert.True(plan.BeforeWriteFaults + plan.AfterWriteFaults > 0, "the run saw faults");
        Assert.Equal(1_000_000 - inferences * scenario.Fee, await client.GetBalanceAsync(scenario.Payer));
        Assert.All(results, r => Assert.Equal(scenario.Fee, r.Receipt.Postings.Sum(p => p.Amount)));
        var summary = await client.GetLedgerSummaryAsync();
        Assert.Equal(0, summary.BalanceSum);
        Assert.Equal(2 * inferences + 1, summary.TransferCount); // the deposit, and per inference its fee reservation and the post completing it
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_transient_failures_and_then_fails_fast()
    {
        var pipeline = OpenLedgerResilience.Build(new OpenLedgerClientOptions
        {
            MaxRetryAttempts = 0,
            CircuitBreakerMinimumThroughput = 4,
            CircuitBreakerFailureRatio = 0.5,
            CircuitBreakDuration = TimeSpan.FromMinutes(1),
        });
        var calls = 0;
        async ValueTask<int> Failing(CancellationToken _)
        {
            calls++;
            await Task.Yield();
            throw new Abstractions.Ledger.LedgerUnavailableException("down");
        }

        for (var i = 0; i < 4; i++) await Assert.ThrowsAsync<Abstractions.Ledger.LedgerUnavailableException>(() => pipeline.ExecuteAsync(Failing).AsTask());
        await Assert.ThrowsAsync<Polly.CircuitBreaker.BrokenCircuitException>(() => pipeline.ExecuteAsync(Failing).AsTask());

        Assert.Equal(4, calls); // the fifth call never reached the cluster
    }

    [Fact]
    public async Task A_refusal_is_answered_at_once_and_not_retried()
    {
        var pipeline = OpenLedgerResilience.Build(new OpenLedgerClientOptions { MaxRetryAttempts = 5, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        var calls = 0;
        await Assert.ThrowsAsync<Abstractions.Errors.OpenLedgerException>(() => pipeline.ExecuteAsync<int>(_ =>
        {
            calls++;
            throw Abstractions.Errors.OpenLedgerException.Conflict("inference.key_conflict", "no");
        }).AsTask());
        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task A_call_marked_not_retryable_gets_one_attempt_even_when_the_failure_is_transient()
    {
        var pipeline = OpenLedgerResilience.Build(new OpenLedgerClientOptions { MaxRetryAttempts = 5, RetryBaseDelay = TimeSpan.FromMilliseconds(1) });
        var calls = 0;
        ValueTask<int> Failing(ResilienceContext _)
        {
            calls++;
            throw new Abstractions.Ledger.LedgerUnavailableException("down");
        }

        var once = ResilienceContextPool.Shared.Get();
        once.Properties.Set(OpenLedgerResilience.NotRetryable, true);
        await Assert.ThrowsAsync<Abstractions.Ledger.LedgerUnavailableException>(() => pipeline.ExecuteAsync(Failing, once).AsTask());
        Assert.Equal(1, calls);

        calls = 0;
        await Assert.ThrowsAsync<Abstractions.Ledger.LedgerUnavailableException>(() => pipeline.ExecuteAsync(Failing, ResilienceContextPool.Shared.Get()).AsTask());
        Assert.Equal(6, calls); // an idempotent call: the first attempt and five retries
    }

    [Fact]
    public void Refusals_are_never_retried_but_unavailability_is()
    {
        Assert.False(OpenLedgerResilience.IsTransient(Abstractions.Errors.OpenLedgerException.Conflict("x", "y")));
        Assert.False(OpenLedgerResilience.IsTransient(new ArgumentException()));
        Assert.True(OpenLedgerResilience.IsTransient(new Abstractions.Ledger.LedgerUnavailableException("down")));
        Assert.True(OpenLedgerResilience.IsTransient(new TimeoutException()));
    }
}
