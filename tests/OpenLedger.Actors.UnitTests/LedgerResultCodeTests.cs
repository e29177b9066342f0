using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The result codes' order is their precedence: a write with several faults is answered with the first.</summary>
public sealed class LedgerResultCodeTests
{
    private static LedgerBook NewBook(int maxEntryBytes = LedgerLimits.MinRecordPayloadBytes - JournalCodec.MaxHeaderBytes) =>
        new(account => account.StartsWith("external:", StringComparison.Ordinal), maxEntryBytes);

    private static LedgerPosting P(string debit, string credit, long amount) => new(debit, credit, amount, "fee.contributor");

    public static TheoryData<string, LedgerPosting[], LedgerResultCode> Faults => new()
    {
        { "", [P("", "b", 0)], LedgerResultCode.IdMissing },
        { "x", [], LedgerResultCode.NoPostings },
        { "x", Enumerable.Repeat(P("", "b", 0), LedgerLimits.MaxPostingsPerTransfer + 1).ToArray(), LedgerResultCode.TooManyPostings },
        { "x", [P("a", "b", 0), P("", "b", 1)], LedgerResultCode.AccountMissing },          // the later posting's fault ranks first
        { "x", [P("a", "a", 1), P("a", "b", -1)], LedgerResultCode.AmountMustBePositive },
        { "x", [P("a", "a", 1)], LedgerResultCode.SameDebitAndCredit },
        { "used", [P("ghost", "b", 1)], LedgerResultCode.ExistsWithDifferentPostings },     // before the unknown account
        { "x", [P("ghost", "b", long.MaxValue)], LedgerResultCode.AccountNotFound },        // before funds
        { "x", [P("payer", "b", 101)], LedgerResultCode.InsufficientFunds },
        { "x", [P("payer", "rich", 1_000)], LedgerResultCode.BalanceOverflow },              // before funds
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public void A_write_with_several_faults_is_answered_with_the_first_in_enum_order(string id, LedgerPosting[] postings, LedgerResultCode expected)
    {
        var book = NewBook();
        book.Apply(new LedgerTransfer("fund", [new LedgerPosting("external:deposits", "payer", 100, "deposit")]));
        Assert.Equal(LedgerResultCode.Ok, book.Apply(new LedgerTransfer("rich", [new LedgerPosting("external:deposits", "rich", long.MaxValue - 500, "deposit")])));
        book.Apply(new LedgerTransfer("used", [P("payer", "b", 1)]));

        Assert.Equal(expected, book.Apply(new LedgerTransfer(id, postings)));
    }

    [Fact]
    public void A_write_larger_than_one_journal_record_is_too_large_before_anything_is_looked_up()
    {
        var book = NewBook(maxEntryBytes: 200);
        var postings = Enumerable.Range(0, 10).Select(i => P("ghost", $"recipient-{i:D20}", 1)).ToList();
        Assert.True(JournalCodec.SizeOf(new LedgerTransfer("big", postings)) > 200);
        Assert.Equal(LedgerResultCode.TooLarge, book.Apply(new LedgerTransfer("big", postings)));
        Assert.Equal(LedgerResultCode.AccountNotFound, book.Apply(new LedgerTransfer("small", postings.Take(2).ToList())));
    }

    [Fact]
    public void The_largest_allowed_write_fits_the_smallest_record_budget_with_room_to_spare()
    {
        Assert.Equal(JournalCodec.SizeOf(LedgerLimits.WorstCaseEntry()), LedgerLimits.WorstCaseEntryBytes);
        Assert.True(LedgerLimits.WorstCaseEntryBytes + JournalCodec.MaxHeaderBytes < LedgerLimits.MinRecordPayloadBytes * 3 / 4,
            $"the worst case takes {LedgerLimits.WorstCaseEntryBytes} bytes");
        var book = new LedgerBook(_ => true); // every account external: only the size rules apply
        var worst = LedgerLimits.WorstCaseEntry();
        Assert.NotEqual(LedgerResultCode.TooLarge, book.Apply(new LedgerTransfer(worst.Id, worst.Postings, worst.Reference)));
    }

    [Fact]
    public void Only_codes_about_the_request_alone_may_be_answered_before_earlier_writes_are_durable()
    {
        var requestOnly = Enum.GetValues<LedgerResultCode>().Where(c => c != LedgerResultCode.Ok && !c.DependsOnState()).ToList();
        Assert.Equal([LedgerResultCode.IdMissing, LedgerResultCode.InvalidAccount, LedgerResultCode.AccountMissing, LedgerResultCode.NoPostings,
            LedgerResultCode.TooManyPostings, LedgerResultCode.AmountMustBePositive, LedgerResultCode.SameDebitAndCredit, LedgerResultCode.PendingIdMissing,
            LedgerResultCode.TimeoutInvalid, LedgerResultCode.TooLarge], requestOnly);
        Assert.Equal(Enum.GetValues<LedgerResultCode>().Select((c, i) => i), Enum.GetValues<LedgerResultCode>().Select(c => (int)c)); // dense, in order
    }
}
