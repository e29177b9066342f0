using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.UnitTests;

/// <summary>Two-phase transfers in the book: reserve, then post (as reserved or split) or void, or expire.</summary>
public sealed class PendingTransferTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static LedgerBook FundedBook(long payerBalance = 1_000)
    {
        var book = new LedgerBook(account => account.StartsWith("external:", StringComparison.Ordinal));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new LedgerTransfer("fund", [new LedgerPosting("external:deposits", "payer", payerBalance, "deposit")])));
        return book;
    }

    private static PendingTransfer Reserve(string id, long amount, TimeSpan? timeout = null, string from = "payer") =>
        new(id, [new LedgerPosting(from, "escrow:inference", amount, "fee.reserved")], timeout ?? TimeSpan.FromMinutes(5), Now + (timeout ?? TimeSpan.FromMinutes(5)), "inf-1");

    private static LedgerPosting Fee(string to, long amount, string from = "payer") => new(from, to, amount, "fee.contributor");

    [Fact]
    public void A_reservation_lowers_the_available_balance_but_not_the_posted_one()
    {
        var book = FundedBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(Reserve("r1", 600)));

        Assert.Equal(1_000, book.Balance("payer"));
        Assert.Equal(600, book.Reserved("payer"));
        Assert.Equal(0, book.Balance("escrow:inference")); // credits are not applied (nor spendable) until posted
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(Reserve("r2", 401)));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(new LedgerTransfer("t", [Fee("alice", 401)])));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new LedgerTransfer("t", [Fee("alice", 400)])));
        Assert.Equal(1, book.OpenPendingCount);
        Assert.Equal(600, book.ReservedTotal);
    }

    [Fact]
    public void Posting_as_reserved_moves_the_reserved_postings()
    {
        var book = FundedBook();
        book.Apply(Reserve("r1", 600));

        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PostPendingTransfer("p1", "r1", []), out var posted));

        Assert.Equal([new LedgerPosting("payer", "escrow:inference", 600, "fee.reserved")], posted);
        Assert.Equal(400, book.Balance("payer"));
        Assert.Equal(600, book.Balance("escrow:inference"));
        Assert.Equal(0, book.Reserved("payer"));
        Assert.Equal(PendingStatus.Posted, book.Pending("r1")!.Status);
        Assert.Equal("p1", book.Pending("r1")!.ResolvedBy);
        Assert.Equal(0, book.OpenPendingCount);
    }

    [Fact]
    public void Posting_a_split_computed_later_pays_the_payees_and_releases_the_rest()
    {
        var book = FundedBook();
        book.Apply(Reserve("r1", 600));

        var split = new List<LedgerPosting> { Fee("alice", 300), Fee("bob", 200), new("payer", "protocol:treasury", 50, "fee.protocol") };
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PostPendingTransfer("p1", "r1", split, "inf-1"), out var posted));

        Assert.Equal(split, posted);
        Assert.Equal(450, book.Balance("payer"));
        Assert.Equal(300, book.Balance("alice"));
        Assert.Equal(0, book.Reserved("payer"));
        Assert.Equal(0, book.Balances.Values.Sum());
    }

    [Fact]
    public void A_post_may_not_debit_more_than_reserved_or_an_account_the_reservation_did_not_hold()
    {
        var book = FundedBook();
        book.Apply(new LedgerTransfer("fund-other", [new LedgerPosting("external:deposits", "other", 1_000, "deposit")]));
        book.Apply(Reserve("r1", 600));

        Assert.Equal(LedgerResultCode.PostExceedsPending, book.Apply(new PostPendingTransfer("p1", "r1", [Fee("alice", 400), Fee("bob", 201)])));
        Assert.Equal(LedgerResultCode.PostExceedsPending, book.Apply(new PostPendingTransfer("p2", "r1", [Fee("alice", 1, from: "other")])));
        Assert.Equal(PendingStatus.Pending, book.Pending("r1")!.Status);
        Assert.Equal(1_000, book.Balance("payer"));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PostPendingTransfer("p3", "r1", [Fee("alice", 400), Fee("bob", 200)])));
    }

    [Fact]
    public void A_pending_transfer_ends_exactly_once()
    {
        var book = FundedBook();
        book.Apply(Reserve("r1", 100));
        book.Apply(Reserve("r2", 100));
        book.Apply(Reserve("r3", 100));

        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PostPendingTransfer("p1", "r1", [])));
        Assert.Equal(LedgerResultCode.PendingAlreadyPosted, book.Apply(new PostPendingTransfer("p1-again", "r1", [])));
        Assert.Equal(LedgerResultCode.PendingAlreadyPosted, book.Apply(new VoidPendingTransfer("v1", "r1")));

        Assert.Equal(LedgerResultCode.Ok, book.Apply(new VoidPendingTransfer("v2", "r2")));
        Assert.Equal(LedgerResultCode.PendingAlreadyVoided, book.Apply(new PostPendingTransfer("p2", "r2", [])));
        Assert.Equal(LedgerResultCode.PendingAlreadyVoided, book.Apply(new VoidPendingTransfer("v2-again", "r2")));

        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PendingExpiry("r3")));
        Assert.Equal(LedgerResultCode.PendingExpired, book.Apply(new PostPendingTransfer("p3", "r3", [])));
        Assert.Equal(LedgerResultCode.PendingExpired, book.Apply(new VoidPendingTransfer("v3", "r3")));
        Assert.Equal(LedgerResultCode.PendingExpired, book.Apply(new PendingExpiry("r3")));

        Assert.Equal(LedgerResultCode.PendingNotFound, book.Apply(new PostPendingTransfer("p4", "never", [])));
        Assert.Equal(LedgerResultCode.PendingNotFound, book.Apply(new PostPendingTransfer("p5", "fund", []))); // a single-phase transfer is not pending
        Assert.Equal(900, book.Balance("payer"));
        Assert.Equal(0, book.Reserved("payer"));
    }

    [Fact]
    public void Every_phase_is_idempotent_by_its_own_id()
    {
        var book = FundedBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(Reserve("r1", 100)));
        Assert.Equal(LedgerResultCode.Exists, book.Apply(Reserve("r1", 100)));
        Assert.Equal(LedgerResultCode.ExistsWithDifferentPostings, book.Apply(Reserve("r1", 101)));
        Assert.Equal(LedgerResultCode.ExistsWithDifferentPostings, book.Apply(Reserve("r1", 100, TimeSpan.FromMinutes(6))));
        // The expiry time is when the ledger accepted it: a retry computes another one and is still the same request.
        Assert.Equal(LedgerResultCode.Exists, book.Apply(Reserve("r1", 100) with { ExpiresAt = Now.AddHours(1) }));

        var post = new PostPendingTransfer("p1", "r1", [Fee("alice", 60)]);
        Assert.Equal(LedgerResultCode.Ok, book.Apply(post));
        Assert.Equal(LedgerResultCode.Exists, book.Apply(post)); // a retry of the post completes the same transfer
        Assert.Equal(LedgerResultCode.ExistsWithDifferentPostings, book.Apply(post with { Postings = [Fee("alice", 61)] }));
        Assert.Equal(LedgerResultCode.ExistsWithDifferentPostings, book.Apply(new VoidPendingTransfer("p1", "r1")));
        Assert.Equal(LedgerResultCode.ExistsWithDifferentPostings, book.Apply(new LedgerTransfer("r1", [Fee("alice", 100)])));
        Assert.Equal(940, book.Balance("payer"));
        Assert.Equal(60, book.Balance("alice"));
    }

    [Fact]
    public void Due_expiries_are_the_open_pending_transfers_whose_time_has_passed_earliest_first()
    {
        var book = FundedBook();
        book.Apply(Reserve("late", 10, TimeSpan.FromMinutes(10)));
        book.Apply(Reserve("early", 10, TimeSpan.FromMinutes(1)));
        book.Apply(Reserve("posted", 10, TimeSpan.FromMinutes(1)));
        book.Apply(new PostPendingTransfer("p", "posted", []));

        Assert.Empty(book.DueExpiries(Now));
        Assert.Equal(["early"], book.DueExpiries(Now.AddMinutes(1)));
        Assert.Equal(["early"], book.DueExpiries(Now.AddMinutes(2))); // still due until its expiry is applied
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PendingExpiry("early")));
        Assert.Empty(book.DueExpiries(Now.AddMinutes(2)));
        Assert.Equal(["late"], book.DueExpiries(Now.AddDays(1)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(86_400_001)]
    public void A_timeout_outside_one_millisecond_to_one_day_is_refused(long milliseconds)
    {
        var book = FundedBook();
        var timeout = TimeSpan.FromMilliseconds(milliseconds);
        Assert.Equal(LedgerResultCode.TimeoutInvalid, book.Apply(new PendingTransfer("r", [Fee("escrow", 1)], timeout, Now)));
        Assert.Equal(LedgerResultCode.TimeoutInvalid, book.Apply(new PendingTransfer("r", [Fee("escrow", 1)], TimeSpan.FromTicks(1), Now)));
        Assert.Null(book.Pending("r"));
    }

    [Fact]
    public void Random_two_phase_operations_keep_the_books_balanced_and_reservations_exact()
    {
        var rng = new Random(12);
        var book = new LedgerBook(account => account.StartsWith("external:", StringComparison.Ordinal));
        var payers = Enumerable.Range(0, 4).Select(i => $"payer-{i}").ToArray();
        var open = new List<string>();
        for (var n = 0; n < 20_000; n++)
        {
            var payer = payers[rng.Next(payers.Length)];
            var target = open.Count > 0 ? book.Pending(open[rng.Next(open.Count)])!.Transfer : null;
            LedgerEntry entry = rng.Next(6) switch
            {
                0 => new LedgerTransfer($"d{n}", [new LedgerPosting("external:deposits", payer, rng.Next(1, 500), "deposit")]),
                1 or 2 => new PendingTransfer($"r{n}", [new LedgerPosting(payer, "escrow", rng.Next(1, 300), "fee.reserved")], TimeSpan.FromSeconds(1 + rng.Next(60)), Now.AddSeconds(rng.Next(60))),
                3 when target is not null => new PostPendingTransfer($"p{n}", target.Id, rng.Next(2) == 0 ? [] :
                    [new LedgerPosting(target.Postings[0].DebitAccount, "alice", 1 + rng.Next((int)target.Postings[0].Amount + 20), "fee.contributor")]),
                4 when target is not null => new VoidPendingTransfer($"v{n}", target.Id),
                5 when target is not null => new PendingExpiry(target.Id),
                _ => new LedgerTransfer($"t{n}", [new LedgerPosting(payer, "bob", rng.Next(1, 200), "fee.contributor")]),
            };
            var code = book.Apply(entry);
            if (code == LedgerResultCode.Ok && entry is PendingTransfer p) open.Add(p.Id);
            open.RemoveAll(id => book.Pending(id)!.Status != PendingStatus.Pending);

            Assert.Equal(0, book.Balances.Values.Sum());
            foreach (var account in payers)
            {
                var reserved = open.Select(book.Pending).Sum(h => h!.Reserved.GetValueOrDefault(account));
                Assert.Equal(reserved, book.Reserved(account));
                Assert.True(book.Balance(account) - book.Reserved(account) >= 0, $"{account} overdrawn after {entry}");
            }
            Assert.Equal(open.Count, book.OpenPendingCount);
        }
    }
}
