using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Committed answers (issue 12): no caller sees an answer computed from a write that is not durable. The reproduction
/// from the issue: alice holds 100; a debit of 100 is accepted, but its journal write hangs and then fails. A debit of
/// 50 made meanwhile used to be answered <c>insufficient_funds</c> (and the first id with another body
/// <c>exists_with_different_postings</c>), although after a reload alice still holds 100 and both are fine.
/// </summary>
public sealed class LedgerCommittedAnswersTests
{
    private static readonly string FirstBatch = JournalSegment.StateName(1); // record 0 holds the deposit

    private static TransferRequest Debit(string id, long amount, string to) => new(id, [new TransferPosting("alice", to, amount, "fee.contributor")]);

    [Fact]
    public async Task A_rejection_that_depends_on_a_failed_write_is_never_given_and_the_retry_is_answered_from_durable_state()
    {
        await using var ledgerCluster = await LedgerTestCluster.StartAsync(new Dictionary<string, string?> { ["OpenLedger:Ledger:WriteAttempts"] = "3" });
        var ledger = ledgerCluster.Client.GetGrain<ILedgerGrain>("committed-1");
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("d", "alice", 100));
        var gate = new WriteGate(FirstBatch);
        ledgerCluster.Storage.BeforeWrite = gate.PassAsync;

        var debit100 = ledger.PostAsync(Debit("t1", 100, "bob"));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30)); // its batch is being written
        var debit50 = ledger.PostAsync(Debit("t2", 50, "carol"));
        var otherBody = ledger.PostAsync(Debit("t1", 30, "bob"));
        var retry = ledger.PostAsync(Debit("t1", 100, "bob"));
        await Task.Delay(500);
        Assert.False(debit50.IsCompleted, "answered before the write it depends on was settled");
        Assert.False(otherBody.IsCompleted, "answered before the write it depends on was settled");
        Assert.False(retry.IsCompleted, "answered before the original was durable");

        gate.Failing = true;
        gate.Release();
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => debit100);
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => debit50);
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => otherBody);
        await Assert.ThrowsAsync<LedgerUnavailableException>(() => retry);
        Assert.Equal(3, gate.Attempts); // the same record was tried WriteAttempts times

        ledgerCluster.Storage.BeforeWrite = null;
        Assert.Equal(TransferResultCode.Ok, await RetryAsync(() => ledger.PostAsync(Debit("t2", 50, "carol"))));
        Assert.Equal(TransferResultCode.Ok, await RetryAsync(() => ledger.PostAsync(Debit("t1", 30, "bob"))));
        Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await ledger.PostAsync(Debit("t1", 100, "bob")));
        Assert.Equal(20, await ledger.GetBalanceAsync("alice"));
    }

    [Fact]
    public async Task When_the_write_succeeds_the_waiting_rejections_are_the_durable_answers()
    {
        await using var ledgerCluster = await LedgerTestCluster.StartAsync();
        var ledger = ledgerCluster.Client.GetGrain<ILedgerGrain>("committed-2");
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("d", "alice", 100));
        var gate = new WriteGate(FirstBatch);
        ledgerCluster.Storage.BeforeWrite = gate.PassAsync;

        var debit100 = ledger.PostAsync(Debit("t1", 100, "bob"));
        await gate.Reached.WaitAsync(TimeSpan.FromSeconds(30));
        var debit50 = ledger.PostAsync(Debit("t2", 50, "carol"));
        var otherBody = ledger.PostAsync(Debit("t1", 30, "bob"));
        var retry = ledger.PostAsync(Debit("t1", 100, "bob"));
        await Task.Delay(300);
        Assert.False(debit50.IsCompleted || otherBody.IsCompleted || retry.IsCompleted, "answered before the write they depend on was durable");

        gate.Release();
        Assert.Equal(TransferResultCode.Ok, await debit100);
        Assert.Equal(TransferResultCode.InsufficientFunds, await debit50);
        Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await otherBody);
        Assert.Equal(TransferResultCode.Exists, await retry);
        Assert.Equal(0, await ledger.GetBalanceAsync("alice"));
    }

    [Fact]
    public async Task A_write_that_reached_storage_although_its_reply_was_lost_is_recognised_and_acknowledged()
    {
        await using var ledgerCluster = await LedgerTestCluster.StartAsync();
        var ledger = ledgerCluster.Client.GetGrain<ILedgerGrain>("committed-3");
        var lost = 0;
        ledgerCluster.Storage.AfterWrite = name => name.StartsWith("journal-0", StringComparison.Ordinal) && Interlocked.Increment(ref lost) <= 2
            ? throw new TimeoutException($"Injected: the reply for {name} was lost.")
            : Task.CompletedTask;

        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("d", "alice", 100));
        Assert.Equal(TransferResultCode.Ok, await ledger.PostAsync(Debit("t1", 40, "bob")));

        ledgerCluster.Storage.AfterWrite = null;
        Assert.Equal(2, lost); // both records: the reads-back found them, nothing was written twice
        await ledgerCluster.Cluster.DeactivateAsync(ledger);
        Assert.Equal(60, await ledger.GetBalanceAsync("alice"));
        Assert.Equal(2, (await ledger.GetSummaryAsync()).TransferCount);
    }

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (LedgerUnavailableException) when (attempt < 50)
            {
                await Task.Delay(50);
            }
        }
    }
}
