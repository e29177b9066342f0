using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.UnitTests;

public sealed class LedgerAccountTests
{
    private static LedgerBook NewBook() => new(account => account.StartsWith("external:", StringComparison.Ordinal));

    private static LedgerTransfer Move(string id, string from, string to, long amount) => new(id, [new LedgerPosting(from, to, amount, "move")]);

    private static LedgerTransfer Fee(string id, string from, string to, long amount) => new(id, [new LedgerPosting(from, to, amount, "fee.model_owner")]);

    [Fact]
    public void Debiting_an_account_the_ledger_never_saw_is_account_not_found()
    {
        var book = NewBook();
        Assert.Equal(LedgerResultCode.AccountNotFound, book.Apply(Move("t", "ghost", "someone", 1)));
        Assert.Empty(book.Balances);
        Assert.Empty(book.Accounts);
    }

    [Fact]
    public void A_credit_creates_an_implicit_account_that_can_be_registered_once_keeping_its_balance()
    {
        var book = NewBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(Move("d", "external:deposits", "alice", 50)));
        Assert.Equal(AccountKind.Implicit, book.Account("alice")!.Kind);

        var registration = new LedgerAccount("alice", AccountKind.Contributor, "0x00000000000000000000000000000000000000aa", 0);
        Assert.Equal(LedgerResultCode.Ok, book.Open(registration));
        Assert.Equal(LedgerResultCode.Exists, book.Open(registration));
        Assert.Equal(LedgerResultCode.ExistsWithDifferentAccount, book.Open(registration with { OwnerAddress = "0x00000000000000000000000000000000000000bb" }));
        Assert.Equal(registration, book.Account("alice"));
        Assert.Equal(50, book.Balance("alice"));
    }

    [Fact]
    public void Only_a_registered_credit_limit_lets_an_account_go_below_zero_and_only_that_far()
    {
        // Fee postings: credit pays fees and nothing else (LedgerFundingTests); before issue 14 any posting could draw on it.
        var book = NewBook();
        Assert.Equal(LedgerResultCode.Ok, book.Open(new LedgerAccount("postpaid", AccountKind.Payer, null, 100)));
        Assert.Equal(LedgerResultCode.Ok, book.Open(new LedgerAccount("prepaid", AccountKind.Payer, null, 0)));

        Assert.Equal(LedgerResultCode.Ok, book.Apply(Fee("a", "postpaid", "owner", 100)));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(Fee("b", "postpaid", "owner", 1)));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(Fee("c", "prepaid", "owner", 1)));
        Assert.Equal(-100, book.Balance("postpaid"));
        Assert.Equal(100, book.Balance("owner"));
    }

    [Theory]
    [InlineData("external:deposits", AccountKind.Payer, 0L, LedgerResultCode.AccountMissing)]
    [InlineData("", AccountKind.Payer, 0L, LedgerResultCode.AccountMissing)]
    [InlineData("x", AccountKind.Implicit, 0L, LedgerResultCode.InvalidAccount)]
    [InlineData("x", (AccountKind)99, 0L, LedgerResultCode.InvalidAccount)]
    [InlineData("x", AccountKind.Payer, -1L, LedgerResultCode.InvalidAccount)]
    public void Invalid_registrations_are_refused_and_change_nothing(string id, AccountKind kind, long creditLimit, LedgerResultCode expected)
    {
        var book = NewBook();
        Assert.Equal(expected, book.Open(new LedgerAccount(id, kind, null, creditLimit)));
        Assert.Empty(book.Accounts);
    }

    [Fact]
    public void Statements_list_every_posting_with_running_balances_that_end_at_the_balance()
    {
        var book = NewBook();
        var statements = new AccountStatements();
        var at = DateTimeOffset.UnixEpoch;
        var transfers = new[]
        {
            Move("d1", "external:deposits", "payer", 1_000),
            new LedgerTransfer("inference:s|k1", [new LedgerPosting("payer", "alice", 70, "fee.contributor"), new LedgerPosting("payer", "protocol:treasury", 30, "fee.protocol")], "s|k1"),
            new LedgerTransfer("inference:s|k2", [new LedgerPosting("payer", "alice", 5, "fee.contributor")], "s|k2"),
        };
        for (var i = 0; i < transfers.Length; i++)
        {
            Assert.Equal(LedgerResultCode.Ok, book.Apply(transfers[i]));
            statements.Record(i, at, transfers[i]);
        }

        var alice = statements.Page("alice", 0, 10);
        Assert.Equal([70L, 5L], alice.Select(l => l.Amount));
        Assert.Equal(["s|k1", "s|k2"], alice.Select(l => l.Reference));
        Assert.Equal(book.Balance("alice"), alice[^1].BalanceAfter);
        var payer = statements.Page("payer", 0, 10);
        Assert.Equal(book.Balance("payer"), payer.Sum(l => l.Amount));
        Assert.Equal([1L, 2L, 3L, 4L], payer.Select(l => l.LineNumber));
        Assert.Equal([3L, 4L], statements.Page("payer", 2, 10).Select(l => l.LineNumber)); // paging by line number
        Assert.Empty(statements.Page("payer", 4, 10));
        Assert.Empty(statements.Page("nobody", 0, 10));
    }
}
