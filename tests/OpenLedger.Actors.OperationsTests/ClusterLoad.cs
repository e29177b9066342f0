using System.Collections.Concurrent;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Client;
using OpenLedger.Actors.IntegrationTests;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// Load through the client SDK while silos come and go: workers send deposits (ledger transfers) and inferences,
/// each with its own id, and retry an operation with the same id until it is acknowledged — every operation is
/// idempotent, so a retry after an unknown outcome applies at most once. What was acknowledged is recorded, to be
/// compared with the ledger afterwards.
/// </summary>
internal sealed class ClusterLoad(OpenLedgerClient client, Scenario scenario)
{
    private readonly ConcurrentDictionary<string, long> _acknowledgedDeposits = new();
    private readonly ConcurrentDictionary<string, string> _acknowledgedInferences = new();
    private int _transientFailures;

    public const string DepositAccount = "ops-load-account";
    public int Acknowledged => _acknowledgedDeposits.Count + _acknowledgedInferences.Count;
    public int TransientFailures => _transientFailures;
    public long DepositedTotal => _acknowledgedDeposits.Values.Sum();
    public int InferencesAcknowledged => _acknowledgedInferences.Count;

    /// <summary>Runs <paramref name="workers"/> loops until <paramref name="stop"/> is cancelled; each finishes its current operation first.</summary>
    public Task RunAsync(int workers, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                if (w % 2 == 0) await DepositAsync($"ops-deposit-{w}-{i}", 1 + (w * 7 + i) % 13);
                else await InferAsync($"ops-inference-{w}-{i}", i);
            }
        })));

    /// <summary>Waits until at least <paramref name="count"/> more operations are acknowledged than now.</summary>
    public async Task WaitForMoreAcknowledgedAsync(int count, Func<string> diagnostics)
    {
        var target = Acknowledged + count;
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(4); // bounds a stalled cluster; not a speed assertion
        while (Acknowledged < target)
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"Only {Acknowledged} of {target} operations acknowledged ({TransientFailures} transient failures).\n{diagnostics()}");
            await Task.Delay(200);
        }
    }

    private async Task DepositAsync(string id, long amount)
    {
        var code = await UntilAcknowledgedAsync(() => client.DepositAsync(id, DepositAccount, amount));
        Assert.True(code is TransferResultCode.Ok or TransferResultCode.Exists, $"deposit {id}: {code}");
        _acknowledgedDeposits[id] = amount;
    }

    private async Task InferAsync(string key, int i)
    {
        var result = await UntilAcknowledgedAsync(() => client.InferAsync(scenario.SessionId, new InferenceRequest(key, scenario.QueryFeatures(i))));
        _acknowledgedInferences[key] = result.InferenceId;
    }

    /// <summary>Retries transient failures (a silo died, a call timed out) with the same id; a refusal fails the test.</summary>
    private async Task<T> UntilAcknowledgedAsync<T>(Func<Task<T>> operation)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await operation();
            }
            catch (Exception e) when (e is not OpenLedgerException && attempt < 200)
            {
                Interlocked.Increment(ref _transientFailures);
                await Task.Delay(250);
            }
        }
    }
}
