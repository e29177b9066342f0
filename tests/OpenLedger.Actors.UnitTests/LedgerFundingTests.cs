using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.UnitTests;

/// <summary>Money only from money (issue 14): a credit limit pays fees, never claims, stakes or anything else.</summary>
public sealed class LedgerFundingTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UnixEpoch;

    private static LedgerBook PostpaidBook()
    {
        var book = new LedgerBook(account => account.StartsWith("external:", StringComparison.Ordinal));
        Assert.Equal(LedgerResultCode.Ok, book.Open(new LedgerAccount("postpaid", AccountKind.Payer, "0x00000000000000000000000000000000000000aa", 500_000)));
        return book;
    }

    private static LedgerTransfer One(string id, string from, string to, long amount, string code) => new(id, [new LedgerPosting(from, to, amount, code)]);

    [Theory]
    [InlineData("claim", "external:claims")]
    [InlineData("stake", "staking:escrow")]
    [InlineData("move", "someone")]
    [InlineData("deposit", "someone")]
    public void A_postpaid_payer_with_no_funds_cannot_claim_stake_or_move_its_credit(string code, string destination)
    {
        var book = PostpaidBook();

        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(One("out", "postpaid", destination, 500_000, code)));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(One("out-1", "postpaid", destination, 1, code)));
        Assert.Equal(0, book.Balance("postpaid"));
        Assert.Equal(0, book.Balance(destination));
    }

    [Fact]
    public void Fees_may_use_the_credit_limit_and_only_funded_balance_leaves()
    {
        var book = PostpaidBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(One("fee-1", "postpaid", "owner", 300_000, "fee.model_owner")));
        Assert.Equal(-300_000, book.Balance("postpaid"));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(One("claim-1", "postpaid", "external:claims", 1, "claim")));

        // Earnings first repay the credit used; only what is left above zero is the payer's money.
        Assert.Equal(LedgerResultCode.Ok, book.Apply(One("earn", "external:deposits", "postpaid", 300_100, "deposit")));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(One("claim-2", "postpaid", "external:claims", 101, "claim")));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(One("claim-3", "postpaid", "external:claims", 100, "claim")));
        Assert.Equal(0, book.Balance("postpaid"));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(One("fee-2", "postpaid", "owner", 500_000, "fee.protocol")));
    }

    [Fact]
    public void A_transfer_mixing_a_fee_and_another_debit_from_one_account_must_be_funded()
    {
        var book = PostpaidBook();
        var mixed = new LedgerTransfer("mixed", [new LedgerPosting("postpaid", "owner", 10, "fee.model_owner"), new LedgerPosting("postpaid", "staking:escrow", 1, "stake")]);
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(mixed));
        Assert.False(book.Contains("mixed"));
    }

    [Fact]
    public void Reservations_count_against_what_may_leave()
    {
        var book = PostpaidBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(One("deposit", "external:deposits", "postpaid", 1_000, "deposit")));
        // A fee reservation may use credit, and holds the funded 1,000 first: nothing is left to claim.
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PendingTransfer("reserve", [new LedgerPosting("postpaid", "escrow:inference", 200_000, "fee.reserved")],
            TimeSpan.FromMinutes(1), Now.AddMinutes(1))));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(One("claim", "postpaid", "external:claims", 1, "claim")));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new VoidPendingTransfer("release", "reserve")));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(One("claim-after", "postpaid", "external:claims", 1_000, "claim")));
    }

    [Fact]
    public void A_reservation_that_is_not_for_fees_needs_funds_and_so_does_its_post()
    {
        var book = PostpaidBook();
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(new PendingTransfer("stake-hold", [new LedgerPosting("postpaid", "staking:escrow", 1, "stake")],
            TimeSpan.FromMinutes(1), Now.AddMinutes(1))));

        // Reserved as a fee on credit, then posted as a claim: the post is refused, the reservation stays.
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PendingTransfer("fee-hold", [new LedgerPosting("postpaid", "escrow:inference", 50, "fee.reserved")],
            TimeSpan.FromMinutes(1), Now.AddMinutes(1))));
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(new PostPendingTransfer("as-claim", "fee-hold", [new LedgerPosting("postpaid", "external:claims", 50, "claim")])));
        Assert.Equal(PendingStatus.Pending, book.Pending("fee-hold")!.Status);
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new PostPendingTransfer("as-fee", "fee-hold", [new LedgerPosting("postpaid", "owner", 50, "fee.model_owner")])));
        Assert.Equal(-50, book.Balance("postpaid"));
    }
}
