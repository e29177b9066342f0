using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Ledger;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Two-phase transfers through the ledger grain, as an inference will use them: reserve the fee before any work, post
/// the split computed later (or void), every step idempotent by id, expiry on the ledger's (fake) clock, and all of it
/// rebuilt exactly by a fresh activation from the journal.
/// </summary>
public sealed class PendingTransferGrainTests
{
    private const string Payer = "payer";
    private const string Escrow = "escrow:inference";

    private static PendingTransferRequest Reserve(string id, long fee, TimeSpan? timeout = null) =>
        new(id, [new TransferPosting(Payer, Escrow, fee, "fee.reserved")], timeout ?? TimeSpan.FromMinutes(5), "inference-1");

    private static List<TransferPosting> Split(params (string Account, long Amount)[] parts) =>
        parts.Select(p => new TransferPosting(Payer, p.Account, p.Amount, "fee.contributor")).ToList();

    private static async Task<ILedgerGrain> FundedLedgerAsync(LedgerTestCluster cluster, string name, long deposit = 1_000)
    {
        var ledger = cluster.Client.GetGrain<ILedgerGrain>(name);
        Assert.Equal(TransferResultCode.Ok, await ledger.DepositAsync("fund", Payer, deposit));
        return ledger;
    }

    [Fact]
    public async Task Reserve_then_post_the_split_each_retry_completing_the_same_transfer()
    {
        await using var cluster = await LedgerTestCluster.StartAsync();
        var ledger = await FundedLedgerAsync(cluster, "two-phase-post");

        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("reserve:inf-1", 600)));
        Assert.Equal(TransferResultCode.Exists, await ledger.CreatePendingAsync(Reserve("reserve:inf-1", 600)));
        var reserved = (await ledger.GetAccountAsync(Payer))!;
        Assert.Equal((1_000L, 600L), (reserved.Balance, reserved.Reserved));
        Assert.Equal(TransferResultCode.InsufficientFunds, await ledger.PostAsync(new TransferRequest("other-spend", Split(("bob", 401)))));

        var post = new PostPendingRequest("inference:inf-1", "reserve:inf-1", Split(("alice", 350), ("bob", 240)), "inference-1");
        Assert.Equal(TransferResultCode.Ok, await ledger.PostPendingAsync(post));
        Assert.Equal(TransferResultCode.Exists, await ledger.PostPendingAsync(post));
        Assert.Equal(TransferResultCode.ExistsWithDifferentPostings, await ledger.PostPendingAsync(post with { Postings = Split(("alice", 351)) }));
        Assert.Equal(TransferResultCode.PendingAlreadyPosted, await ledger.PostPendingAsync(post with { Id = "inference:inf-1-again" }));
        Assert.Equal(TransferResultCode.PendingAlreadyPosted, await ledger.VoidPendingAsync(new VoidPendingRequest("void:inf-1", "reserve:inf-1")));

        var info = (await ledger.GetPendingAsync("reserve:inf-1"))!;
        Assert.Equal((PendingTransferStatus.Posted, "inference:inf-1"), (info.Status, info.ResolvedBy));
        var payer = (await ledger.GetAccountAsync(Payer))!;
        Assert.Equal((410L, 0L), (payer.Balance, payer.Reserved));
        var statement = await ledger.GetStatementAsync("alice");
        var line = Assert.Single(statement.Entries);
        Assert.Equal(("inference:inf-1", "inference-1", Payer, 350L), (line.TransferId, line.Reference, line.Counterparty, line.Amount));
        var summary = await ledger.GetSummaryAsync();
        Assert.Equal((0, 0L, 0L), (summary.OpenPending, summary.Reserved, summary.BalanceSum));

        await cluster.Cluster.DeactivateAsync(ledger);
        Assert.Equal(summary, await ledger.GetSummaryAsync());
        AssertSame(info, await ledger.GetPendingAsync("reserve:inf-1"));
    }

    [Fact]
    public async Task A_void_releases_the_reservation_and_posts_nothing()
    {
        await using var cluster = await LedgerTestCluster.StartAsync();
        var ledger = await FundedLedgerAsync(cluster, "two-phase-void");
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r", 1_000)));

        Assert.Equal(TransferResultCode.Ok, await ledger.VoidPendingAsync(new VoidPendingRequest("v", "r")));
        Assert.Equal(TransferResultCode.Exists, await ledger.VoidPendingAsync(new VoidPendingRequest("v", "r")));
        Assert.Equal(TransferResultCode.PendingAlreadyVoided, await ledger.PostPendingAsync(new PostPendingRequest("p", "r")));
        Assert.Equal(TransferResultCode.PendingNotFound, await ledger.PostPendingAsync(new PostPendingRequest("p2", "never-reserved")));
        var payer = (await ledger.GetAccountAsync(Payer))!;
        Assert.Equal((1_000L, 0L), (payer.Balance, payer.Reserved));
        Assert.Equal(PendingTransferStatus.Voided, (await ledger.GetPendingAsync("r"))!.Status);
    }

    [Fact]
    public async Task After_its_timeout_a_post_answers_pending_expired_and_nothing_is_charged()
    {
        await using var cluster = await LedgerTestCluster.StartAsync(new Dictionary<string, string?> { ["OpenLedger:Ledger:ExpirySweepInterval"] = "00:01:00" });
        var ledger = await FundedLedgerAsync(cluster, "two-phase-expired");
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r", 700, TimeSpan.FromSeconds(30))));

        cluster.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(PendingTransferStatus.Pending, (await ledger.GetPendingAsync("r"))!.Status);
        cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        // The timer would only sweep in a minute: the post itself journals the expiry first, then answers from it.
        Assert.Equal(TransferResultCode.PendingExpired, await ledger.PostPendingAsync(new PostPendingRequest("p", "r", Split(("alice", 700)))));
        Assert.Equal(TransferResultCode.PendingExpired, await ledger.VoidPendingAsync(new VoidPendingRequest("v", "r")));
        Assert.Equal(TransferResultCode.Exists, await ledger.CreatePendingAsync(Reserve("r", 700, TimeSpan.FromSeconds(30)))); // a retry of the reservation changes nothing

        var info = (await ledger.GetPendingAsync("r"))!;
        Assert.Equal((PendingTransferStatus.Expired, (string?)null), (info.Status, info.ResolvedBy));
        var payer = (await ledger.GetAccountAsync(Payer))!;
        Assert.Equal((1_000L, 0L), (payer.Balance, payer.Reserved));
        Assert.Equal(0, await ledger.GetBalanceAsync("alice"));

        await cluster.Cluster.DeactivateAsync(ledger);
        AssertSame(info, await ledger.GetPendingAsync("r")); // the journal, not a clock, says it expired
    }

    [Fact]
    public async Task The_ledger_voids_an_expired_reservation_by_itself()
    {
        await using var cluster = await LedgerTestCluster.StartAsync();
        var ledger = await FundedLedgerAsync(cluster, "two-phase-timer");
        Assert.Equal(TransferResultCode.Ok, await ledger.CreatePendingAsync(Reserve("r", 700, TimeSpan.FromSeconds(30))));

        cluster.Clock.Advance(TimeSpan.FromMinutes(1));
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await ledger.GetPendingAsync("r"))!.Status == PendingTransferStatus.Pending && DateTime.UtcNow < deadline) await Task.Delay(20);

        Assert.Equal(PendingTransferStatus.Expired, (await ledger.GetPendingAsync("r"))!.Status);
        Assert.Equal(0, (await ledger.GetAccountAsync(Payer))!.Reserved);
        Assert.Equal(0, (await ledger.GetSummaryAsync()).OpenPending);
    }

    [Fact]
    public async Task Malformed_two_phase_requests_are_refused_with_a_typed_error_or_a_code()
    {
        await using var cluster = await LedgerTestCluster.StartAsync();
        var ledger = await FundedLedgerAsync(cluster, "two-phase-bad");

        Assert.Equal(TransferResultCode.TimeoutInvalid, await ledger.CreatePendingAsync(Reserve("r", 1, TimeSpan.Zero)));
        Assert.Equal(TransferResultCode.TimeoutInvalid, await ledger.CreatePendingAsync(Reserve("r", 1, TimeSpan.MaxValue)));
        Assert.Equal(TransferResultCode.NoPostings, await ledger.CreatePendingAsync(new PendingTransferRequest("r", [], TimeSpan.FromMinutes(1))));
        Assert.Equal(TransferResultCode.TooManyPostings, await ledger.CreatePendingAsync(new PendingTransferRequest("r",
            Enumerable.Range(0, 257).Select(i => new TransferPosting(Payer, $"to-{i}", 1, "fee.x")).ToList(), TimeSpan.FromMinutes(1))));
        await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.PostPendingAsync(new PostPendingRequest("p", "bad id!")));
        await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.VoidPendingAsync(new VoidPendingRequest("", "r")));
        await Assert.ThrowsAsync<OpenLedgerException>(() => ledger.CreatePendingAsync(new PendingTransferRequest("r",
            [new TransferPosting(Payer, Escrow, 1, "fee with spaces")], TimeSpan.FromMinutes(1))));
        Assert.Null(await ledger.GetPendingAsync("r"));
        Assert.Equal(1, (await ledger.GetSummaryAsync()).TransferCount);
    }

    /// <summary>Records hold their postings in a list, which compares by reference: compare the contents.</summary>
    private static void AssertSame(PendingTransferInfo expected, PendingTransferInfo? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Postings, actual.Postings);
        Assert.Equal(expected with { Postings = Array.Empty<TransferPosting>() }, actual with { Postings = Array.Empty<TransferPosting>() });
    }
}
