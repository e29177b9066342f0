using OpenLedger.Actors.Domain.Ledger;

namespace OpenLedger.Actors.UnitTests;

public sealed class LedgerBookTests
{
    private static LedgerBook NewBook() => new(account => account.StartsWith("external:", StringComparison.Ordinal));

    private static LedgerTransfer Deposit(string id, string account, long amount) =>
        new(id, [new LedgerPosting("external:deposits", account, amount, "deposit")]);

    [Fact]
    public void Random_operations_keep_the_books_balanced_and_never_apply_twice()
    {
        var rng = new Random(42);
        var book = NewBook();
        var model = new Dictionary<string, long>();
        var accounts = Enumerable.Range(0, 8).Select(i => $"acct:{i}").ToArray();
        var sent = new List<LedgerTransfer>();
        for (var n = 0; n < 20_000; n++)
        {
            LedgerTransfer transfer;
            if (sent.Count > 0 && rng.Next(5) == 0)
            {
                transfer = sent[rng.Next(sent.Count)]; // a retry with the same id and body
            }
            else if (rng.Next(3) == 0)
            {
                transfer = Deposit($"t{n}", accounts[rng.Next(accounts.Length)], rng.Next(1, 1_000));
            }
            else
            {
                var from = accounts[rng.Next(accounts.Length)];
                var postings = Enumerable.Range(0, rng.Next(1, 4))
                    .Select(_ => new LedgerPosting(from, accounts[rng.Next(accounts.Length)], rng.Next(1, 400), "move"))
                    .Where(p => p.DebitAccount != p.CreditAccount).ToList();
                if (postings.Count == 0) continue;
                transfer = new LedgerTransfer($"t{n}", postings);
            }
            var isRetry = book.Contains(transfer.Id);
            var before = new Dictionary<string, long>(book.Balances);

            var code = book.Apply(transfer);

            if (isRetry)
            {
                Assert.Equal(LedgerResultCode.Exists, code);
            }
            if (code == LedgerResultCode.Ok)
            {
                sent.Add(transfer);
                foreach (var p in transfer.Postings)
                {
                    model[p.DebitAccount] = model.GetValueOrDefault(p.DebitAccount) - p.Amount;
                    model[p.CreditAccount] = model.GetValueOrDefault(p.CreditAccount) + p.Amount;
                }
            }
            else
            {
                Assert.Equal(before, book.Balances); // rejected or repeated: nothing changed
            }
            Assert.Equal(0, book.Balances.Values.Sum());
            Assert.All(accounts, a => Assert.True(book.Balance(a) >= 0));
        }
        Assert.All(model, pair => Assert.Equal(pair.Value, book.Balance(pair.Key)));
    }

    [Fact]
    public void Same_id_with_a_different_body_is_refused()
    {
        var book = NewBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(Deposit("d1", "a", 10)));
        Assert.Equal(LedgerResultCode.Exists, book.Apply(Deposit("d1", "a", 10)));
        Assert.Equal(LedgerResultCode.ExistsWithDifferentPostings, book.Apply(Deposit("d1", "a", 11)));
        Assert.Equal(10, book.Balance("a"));
    }

    [Fact]
    public void A_transfer_is_all_or_nothing()
    {
        var book = NewBook();
        book.Apply(Deposit("d", "payer", 100));
        var tooMuch = new LedgerTransfer("fee", [
            new LedgerPosting("payer", "owner", 60, "fee"),
            new LedgerPosting("payer", "protocol", 41, "fee")]);
        Assert.Equal(LedgerResultCode.InsufficientFunds, book.Apply(tooMuch));
        Assert.Equal(100, book.Balance("payer"));
        Assert.Equal(0, book.Balance("owner"));
        Assert.False(book.Contains("fee"));
    }

    [Theory]
    [InlineData("", "a", "b", 1, LedgerResultCode.IdMissing)]
    [InlineData("x", "a", "b", 0, LedgerResultCode.AmountMustBePositive)]
    [InlineData("x", "a", "b", -5, LedgerResultCode.AmountMustBePositive)]
    [InlineData("x", "a", "a", 1, LedgerResultCode.SameDebitAndCredit)]
    [InlineData("x", "", "b", 1, LedgerResultCode.AccountMissing)]
    public void Malformed_transfers_are_refused_with_a_code(string id, string debit, string credit, long amount, LedgerResultCode expected)
    {
        var book = NewBook();
        Assert.Equal(expected, book.Apply(new LedgerTransfer(id, [new LedgerPosting(debit, credit, amount, "t")])));
        Assert.Empty(book.Balances);
    }

    [Fact]
    public void Overflowing_balances_are_refused()
    {
        var book = NewBook();
        Assert.Equal(LedgerResultCode.Ok, book.Apply(Deposit("a", "rich", long.MaxValue)));
        Assert.Equal(LedgerResultCode.BalanceOverflow, book.Apply(Deposit("b", "rich", 1)));
        Assert.Equal(long.MaxValue, book.Balance("rich"));
    }
}
