using OpenLedger.Actors.Abstractions.Ledger;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Group commit under injected journal-write failures: every caller retries with the same id until it is
/// acknowledged, and at the end the durable ledger holds each acknowledged transfer exactly once.
/// </summary>
public sealed class LedgerGroupCommitTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(1, 0.0)]
    [InlineData(20261125, 0.15)]
    [InlineData(7, 0.3)]
    public async Task Acknowledged_transfers_are_durable_exactly_once_despite_write_faults(int seed, double faultProbability)
    {
        var plan = new FaultPlan(seed, faultProbability, "journal-");
        await using var cluster = await FaultyCluster.StartAsync(plan, maxBatchTransfers: 10);
        var ledger = cluster.Client.GetGrain<ILedgerGrain>(LedgerIds.Main);

        const int deposits = 600;
        var accounts = Enumerable.Range(0, 12).Select(i => $"acct-{i}").ToArray();
        var expected = new long[accounts.Length];
        var attempts = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, deposits), new ParallelOptions { MaxDegreeOfParallelism = 24 }, async (n, _) =>
        {
            var account = n % accounts.Length;
            var amount = 1 + n % 97;
            for (var attempt = 1; ; attempt++)
            {
                Interlocked.Increment(ref attempts);
                try
                {
                    var code = await ledger.DepositAsync($"d{n}", accounts[account], amount);
                    Assert.True(code is TransferResultCode.Ok or TransferResultCode.Exists, $"d{n}: {code}");
                    Interlocked.Add(ref expected[account], amount);
                    return;
                }
                catch (Exception e) when (attempt < 100 && e is LedgerUnavailableException or TimeoutException)
                {
                    await Task.Delay(5);
                }
            }
        });

        plan.Enabled = false;
        var summary = await ledger.GetSummaryAsync();
        var balances = await ledger.GetBalancesAsync(accounts);
        output.WriteLine($"seed {seed}, p={faultProbability}: {attempts} calls, faults before/after write {plan.BeforeWriteFaults}/{plan.AfterWriteFaults}, {summary.TransferCount} transfers in {summary.BatchCount} batches");

        Assert.Equal(deposits, summary.TransferCount);
        Assert.Equal(0, summary.BalanceSum);
        Assert.Equal(expected, accounts.Select(a => balances[a]).ToArray());
        // Each durable batch holds 1 to maxBatchTransfers transfers (how many share one depends on thread scheduling;
        // LedgerCommittedAnswersTests holds a batch open to show waiting transfers join the next one).
        Assert.InRange(summary.BatchCount, (deposits + 9) / 10, deposits);
        if (faultProbability > 0) Assert.True(plan.BeforeWriteFaults + plan.AfterWriteFaults > 0, "faults were injected");

        // A fresh activation rebuilt from the journal agrees with what was acknowledged.
        await cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await cluster.DeactivateAsync(ledger);
        Assert.Equal(summary with { }, await ledger.GetSummaryAsync());
    }
}
