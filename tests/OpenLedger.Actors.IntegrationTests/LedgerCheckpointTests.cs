using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Bounded recovery: a ledger that took a checkpoint comes back by loading it and replaying only the journal records
/// after it, and answers exactly as before — balances, summary, statements, idempotent <c>Exists</c> for ids used
/// before the checkpoint, and pending transfers reserved before it that are posted, voided or expire after it.
/// </summary>
public sealed class LedgerCheckpointTests
{
    private const string Payer = "payer";

    private static readonly Dictionary<string, string?> EveryFourRecords = new() { ["OpenLedger:Ledger:CheckpointEveryRecords"] = "4" };

    private static PendingTransferRequest Reserve(string id, long amount, TimeSpan timeout) =>
        new(id, [new TransferPosting(Payer, "escrow", amount, "fee.reserved")], timeout, $"ref-{id}");

    [Fact]
    public async Task Activation_after_a_checkpoint_replays_only_the_tail_and_answers_as_before()
    {
        await using var cluster = await LedgerTestCluster.StartAsync(EveryFourRecords);
        var ledger = cluster.Client.GetGrain<ILedgerGrain>("checkpoint-tail");
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("fund", Payer, 10_000)); // record 0
        // Reservations made before the checkpoint (records 1–4), ended after it: posted and voided now, one expiring and one posted after the restart.
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r-post", 1_000, TimeSpan.FromHours(1))));
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r-void", 2_000, TimeSpan.FromHours(1))));
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r-expire", 3_000, TimeSpan.FromMinutes(5))));
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r-later", 500, TimeSpan.FromHours(1))));
        for (var n = 0; n < 5; n++) Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync($"d{n}", $"acct-{n % 2}", 100 + n)); // records 5–9
        Assert.Equal(TransferResultCode.Ok, await ledger.PostAsync(new TransferRequest("move-1", [new TransferPosting("acct-0", "acct-1", 50, "transfer")], "why")));
        var checkpoint = await WaitForCheckpointAsync(cluster, ledger, atLeast: 8); // checkpoints at 4, then 8 or later

        Assert.Equal(TransferResultCode.Ok, await ledger.PostPendingAsync(new PostPendingRequest("p-post", "r-post", [new TransferPosting(Payer, "acct-2", 700, "fee.contributor")])));
        Assert.Equal(TransferResultCode.Ok, await ledger.VoidPendingAsync(new VoidPendingRequest("v-void", "r-void")));
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("tail", "acct-3", 9));

        var accounts = new[] { Payer, "escrow", "acct-0", "acct-1", "acct-2", "acct-3", "external:deposits" };
        var before = await SnapshotAsync(ledger, accounts);
        cluster.Storage.Reads.Clear();
        await cluster.Cluster.DeactivateAsync(ledger);
        var after = await SnapshotAsync(ledger, accounts);
        Assert.Equal(before.Summary, after.Summary);
        Assert.Equal(before.Balances, after.Balances);
        Assert.Equal(before.Statements, after.Statements);
        Assert.Equal(before.Pending, after.Pending);

        // Only the record the checkpoint ends with and the ones after it were read (not the history before it).
        var position = (await ReadHeadAsync(cluster, ledger)).CheckpointPosition;
        Assert.True(position >= checkpoint);
        var recordsRead = cluster.Storage.Reads.Where(name => name.StartsWith("journal-0", StringComparison.Ordinal)).Select(name => long.Parse(name["journal-".Length..])).ToList();
        Assert.NotEmpty(recordsRead);
        Assert.True(recordsRead.Min() == position - 1, $"activation read records from {recordsRead.Min()}, the checkpoint covers 0–{position - 1}");

        // Ids used before the checkpoint still answer idempotently.
        Assert.Equal(TransferResultCode.Exists, await ledger.DepositAsync("d0", "acct-0", 100));
        Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await ledger.DepositAsync("d0", "acct-0", 101));
        Assert.Equal(TransferResultCode.Exists, await ledger.PostAsync(new TransferRequest("move-1", [new TransferPosting("acct-0", "acct-1", 50, "transfer")], "why")));
        Assert.Equal(TransferResultCode.Exists, await ledger.CreatePendingAsync(Reserve("r-post", 1_000, TimeSpan.FromHours(1))));
        Assert.Equal(TransferResultCode.PendingAlreadyPosted, await ledger.VoidPendingAsync(new VoidPendingRequest("v-late", "r-post")));
        Assert.Equal(TransferResultCode.PendingAlreadyVoided, await ledger.PostPendingAsync(new PostPendingRequest("p-late", "r-void", [])));

        // The reservations still open across the checkpoint and the restart: one posts, one expires on the clock.
        Assert.Equal(3_500L, (await ledger.GetAccountAsync(Payer))!.Reserved);
        Assert.Equal(TransferResultCode.Ok, await ledger.PostPendingAsync(new PostPendingRequest("p-later", "r-later", [])));
        cluster.Clock.Advance(TimeSpan.FromMinutes(5));
        await WaitUntilAsync(async () => (await ledger.GetPendingAsync("r-expire"))!.Status == PendingTransferStatus.Expired);
        Assert.Equal(TransferResultCode.PendingExpired, await ledger.PostPendingAsync(new PostPendingRequest("p-expire", "r-expire", [])));
        var payer = (await ledger.GetAccountAsync(Payer))!;
        Assert.Equal((10_000L - 700 - 500, 0L), (payer.Balance, payer.Reserved));
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal((0, 0L, 0L), (summary.OpenPending, summary.Reserved, summary.BalanceSum));

        // And once more from whatever checkpoint is newest now.
        await cluster.Cluster.DeactivateAsync(ledger);
        Assert.Equal(summary, await ledger.GetSummaryAsync());
    }

    [Fact]
    public async Task Checkpoints_reuse_the_pages_of_the_one_before_and_hold_every_transfer()
    {
        await using var cluster = await LedgerTestCluster.StartAsync(EveryFourRecords);
        var ledger = cluster.Client.GetGrain<ILedgerGrain>("checkpoint-chain");
        for (var n = 0; n < 13; n++)
            Assert.Equal(TransferResultCode.Ok, await ledger.PostAsync(new TransferRequest($"t{n}", [new TransferPosting("external:deposits", $"a{n % 3}", n + 1, "deposit")])));
        await WaitForCheckpointAsync(cluster, ledger, atLeast: 12);
        var summary = await ledger.GetSummaryAsync();
        await cluster.Cluster.DeactivateAsync(ledger);
        Assert.Equal(summary, await ledger.GetSummaryAsync());
        for (var n = 0; n < 13; n++)
            Assert.Equal(TransferResultCode.Exists, await ledger.PostAsync(new TransferRequest($"t{n}", [new TransferPosting("external:deposits", $"a{n % 3}", n + 1, "deposit")])));
        var statement = await ledger.GetStatementAsync("a0");
        Assert.Equal([1L, 4, 7, 10, 13], statement.Entries.Select(e => e.Amount));
        Assert.Equal([1L, 5, 12, 22, 35], statement.Entries.Select(e => e.BalanceAfter));
    }

    private sealed record Snapshot(LedgerSummary Summary, IReadOnlyDictionary<string, long> Balances, string Statements, string Pending);

    private static async Task<Snapshot> SnapshotAsync(ILedgerGrain ledger, string[] accounts)
    {
        var statements = new List<string>();
        foreach (var account in accounts)
        {
            var statement = await ledger.GetStatementAsync(account, 0, 1_000);
            statements.Add($"{account}:{statement.Balance}:{statement.TotalLines}:" + string.Join(";", statement.Entries.Select(e => e.ToString())));
        }
        var pending = new List<string>();
        foreach (var id in new[] { "r-post", "r-void", "r-expire", "r-later" })
        {
            var info = await ledger.GetPendingAsync(id);
            pending.Add(info is null ? "none" : $"{info.Id}:{info.Reference}:{info.Status}:{info.ResolvedBy}:{info.ExpiresAt:O}:{string.Join(",", info.Postings)}");
        }
        var balances = await ledger.GetBalancesAsync(accounts);
        return new Snapshot(await ledger.GetSummaryAsync(), balances.OrderBy(b => b.Key).ToDictionary(), string.Join("\n", statements), string.Join("\n", pending));
    }

    internal static async Task<JournalHead> ReadHeadAsync(LedgerTestCluster cluster, ILedgerGrain ledger)
    {
        var head = new GrainState<JournalHead>();
        await cluster.Storage.Inner.ReadStateAsync(JournalHead.StateName, ledger.GetGrainId(), head);
        return head.State ?? new JournalHead();
    }

    /// <summary>Waits until the head witness names a checkpoint covering at least <paramref name="atLeast"/> records; returns its position.</summary>
    private static async Task<long> WaitForCheckpointAsync(LedgerTestCluster cluster, ILedgerGrain ledger, long atLeast)
    {
        long position = 0;
        await WaitUntilAsync(async () => (position = (await ReadHeadAsync(cluster, ledger)) is { CheckpointKey: not null } head ? head.CheckpointPosition : 0) >= atLeast);
        return position;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The ledger did not get there in 30 s.");
            await Task.Delay(20);
        }
    }
}
