using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// A ledger of four partitions on three silos: concurrent transfers whose credits land in other partitions, with
/// partitions crashing after a journal record is stored and before its credits are delivered (the head witness write
/// fails, so the partition reloads from its journal). Afterwards every credit was applied exactly once (each account
/// holds exactly what the applied transfers moved), nothing is owed, every partition balances and the transit
/// accounts cancel out.
/// </summary>
public sealed class LedgerPartitionClusterTests
{
    private const int Partitions = 4;

    [Fact]
    public async Task Cross_partition_credits_apply_exactly_once_through_crashes_between_journal_write_and_delivery()
    {
        var faults = new ScriptedFaults();
        await using var cluster = await ScriptedFaults.StartClusterAsync(faults, new Dictionary<string, string?>
        {
            ["OpenLedger:Ledger:Partitions"] = Partitions.ToString(),
            ["OpenLedger:Ledger:WriteAttempts"] = "1", // one failed witness write breaks the partition: it reloads from its journal
            ["OpenLedger:Ledger:CheckpointEveryRecords"] = "8",
        }, silos: 3);
        var map = new PartitionMap(Partitions);
        ILedgerGrain PartitionOf(string account) => cluster.Client.GetGrain<ILedgerGrain>(map.GrainKey("bank", map.PartitionOf(account)));
        var accounts = Enumerable.Range(0, 40).Select(i => $"acct-{i}").ToList();
        Assert.Equal(Partitions, accounts.Select(map.PartitionOf).Distinct().Count());
        var expected = accounts.ToDictionary(a => a, _ => 0L);
        foreach (var account in accounts)
        {
            Assert.Equal(TransferResultCode.Ok, await RetryAsync(() => PartitionOf(account).DepositAsync(account, account, 10_000)));
            expected[account] = 10_000;
        }

        var rng = new Random(12);
        var transfers = Enumerable.Range(0, 400).Select(n =>
        {
            var payer = accounts[rng.Next(accounts.Count)];
            var postings = Enumerable.Range(0, rng.Next(1, 4)).Select(_ => accounts[rng.Next(accounts.Count)]).Where(a => a != payer).Distinct()
                .Select(a => new TransferPosting(payer, a, rng.Next(1, 200), "fee.contributor")).ToList();
            return new TransferRequest($"t-{n}", postings);
        }).Where(t => t.Postings.Count > 0).ToList();
        // Four waves of concurrent transfers; in each, a crash between a journal write and its delivery (the next head witness write fails).
        var results = new List<TransferResultCode>();
        foreach (var wave in transfers.Chunk(100))
        {
            faults.Arm(JournalHead.StateName, FaultKind.BeforeWrite, skip: 1);
            results.AddRange(await Task.WhenAll(wave.Select(t => RetryAsync(() => PartitionOf(t.Postings[0].DebitAccount).PostAsync(t)))));
        }
        Assert.True(faults.Fired >= 3, $"Only {faults.Fired} crashes were injected.");
        for (var i = 0; i < transfers.Count; i++)
        {
            Assert.True(results[i] is TransferResultCode.Ok or TransferResultCode.Exists or TransferResultCode.InsufficientFunds, $"{transfers[i].Id}: {results[i]}");
            if (results[i] is TransferResultCode.InsufficientFunds) continue;
            foreach (var p in transfers[i].Postings) (expected[p.DebitAccount], expected[p.CreditAccount]) = (expected[p.DebitAccount] - p.Amount, expected[p.CreditAccount] + p.Amount);
        }
        Assert.True(transfers.Select(t => t.Postings).Count(ps => ps.Any(p => map.PartitionOf(p.CreditAccount) != map.PartitionOf(p.DebitAccount))) > 100);

        // Quiescence: every partition delivers what it owes.
        var grains = Enumerable.Range(0, Partitions).Select(p => cluster.Client.GetGrain<ILedgerGrain>(map.GrainKey("bank", p))).ToList();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var owed = await Task.WhenAll(grains.Select(g => RetryAsync(g.GetOwedCreditsAsync)));
            if (owed.All(o => o.Count == 0 && o.Amount == 0)) break;
            Assert.True(DateTime.UtcNow < deadline, $"Still owed after 90 s: {string.Join(", ", owed)}");
            await Task.Delay(100);
        }

        foreach (var account in accounts) Assert.Equal(expected[account], await PartitionOf(account).GetBalanceAsync(account));
        var summaries = await Task.WhenAll(grains.Select(g => g.GetSummaryAsync()));
        Assert.All(summaries, s => Assert.Equal(0, s.BalanceSum));
        var transit = Enumerable.Range(0, Partitions).Select(map.TransitAccount).ToList();
        var transitBalances = await Task.WhenAll(grains.Select(g => g.GetBalancesAsync(transit)));
        Assert.Equal(0, transitBalances.Sum(b => b.Values.Sum()));
        Assert.Equal(40 * 10_000L, accounts.Sum(a => expected[a]));
        // A second delivery of an applied credit is a no-op: the receiving partition answers Exists.
        var cross = transfers.Select((t, i) => (t, i)).First(x => results[x.i] != TransferResultCode.InsufficientFunds
            && x.t.Postings.Any(p => map.PartitionOf(p.CreditAccount) != map.PartitionOf(p.DebitAccount))).t;
        var from = map.PartitionOf(cross.Postings[0].DebitAccount);
        var owedAgain = cross.Postings.Where(p => map.PartitionOf(p.CreditAccount) != from).GroupBy(p => map.PartitionOf(p.CreditAccount)).First();
        Assert.Equal(TransferResultCode.Exists, await grains[owedAgain.Key].ApplyOwedCreditAsync(new OwedCreditDelivery(cross.Id, from, owedAgain.ToList())));
    }

    [Fact]
    public async Task A_delivery_of_many_owed_credits_is_one_journal_record_and_applies_each_credit_once()
    {
        await using var cluster = await ScriptedFaults.StartClusterAsync(new ScriptedFaults(), new Dictionary<string, string?>
        {
            ["OpenLedger:Ledger:Partitions"] = "2",
            ["OpenLedger:Ledger:MaxBatchTransfers"] = "1000",
        }, silos: 1);
        var map = new PartitionMap(2);
        var receiver = cluster.Client.GetGrain<ILedgerGrain>(map.GrainKey("batched", 1));
        var earners = Enumerable.Range(0, 2_000).Select(i => $"earner-{i}").Where(a => map.PartitionOf(a) == 1).Take(50).ToList();
        OwedCreditDelivery Owed(int n) => new($"t-{n}", 0, [new TransferPosting("payer", earners[n % earners.Count], 10 + n, "fee.contributor"),
            new TransferPosting("payer", earners[(n + 7) % earners.Count], 1, "fee.curator")]);
        long Expected(string earner, int count) => Enumerable.Range(0, count).Sum(n => (earners[n % earners.Count] == earner ? 10L + n : 0) + (earners[(n + 7) % earners.Count] == earner ? 1 : 0));

        var first = Enumerable.Range(0, 300).Select(Owed).ToList();
        var before = (await receiver.GetSummaryAsync()).BatchCount;
        Assert.All(await receiver.ApplyOwedCreditsAsync(first), code => Assert.Equal(TransferResultCode.Ok, code));
        var summary = await receiver.GetSummaryAsync();
        Assert.Equal(before + 1, summary.BatchCount); // 300 credits, one journal record
        Assert.Equal(300, summary.TransferCount);
        foreach (var earner in earners) Assert.Equal(Expected(earner, 300), await receiver.GetBalanceAsync(earner));
        Assert.Equal(-first.Sum(d => d.Credits.Sum(c => c.Amount)), await receiver.GetBalanceAsync(map.TransitAccount(0)));

        // The same delivery again (the sender lost the answer): every credit answers Exists, nothing is written or applied twice.
        Assert.All(await receiver.ApplyOwedCreditsAsync(first), code => Assert.Equal(TransferResultCode.Exists, code));
        Assert.Equal(summary.BatchCount, (await receiver.GetSummaryAsync()).BatchCount);
        // Part old, part new: the answers follow the credits, in order.
        var mixed = await receiver.ApplyOwedCreditsAsync(Enumerable.Range(250, 100).Select(Owed).ToList());
        Assert.Equal(Enumerable.Repeat(TransferResultCode.Exists, 50).Concat(Enumerable.Repeat(TransferResultCode.Ok, 50)), mixed);
        foreach (var earner in earners) Assert.Equal(Expected(earner, 350), await receiver.GetBalanceAsync(earner));

        // One credit for an account the receiver does not hold refuses the whole call before anything applies.
        var stray = Enumerable.Range(0, 2_000).Select(i => $"other-{i}").First(a => map.PartitionOf(a) == 0);
        var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => receiver.ApplyOwedCreditsAsync(
            [Owed(400), new OwedCreditDelivery("t-401", 0, [new TransferPosting("payer", stray, 5, "fee.contributor")])]));
        Assert.Equal("credit.wrong_partition", refused.ErrorCode);
        Assert.Equal(350, (await receiver.GetSummaryAsync()).TransferCount);
        var empty = await Assert.ThrowsAsync<OpenLedgerException>(() => receiver.ApplyOwedCreditsAsync([]));
        Assert.Equal("credit.batch_size", empty.ErrorCode);
    }

    /// <summary>A partition that crashed answers LedgerUnavailableException; the caller retries with the same id (Exists if it was applied).</summary>
    private static async Task<T> RetryAsync<T>(Func<Task<T>> call)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (LedgerUnavailableException) when (attempt < 20)
            {
                await Task.Delay(50);
            }
        }
    }
}
