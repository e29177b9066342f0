using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests;

/// <summary>Routing by account (<see cref="PartitionMap"/>, <see cref="PartitionRoute"/>) and the owed-credit outbox (<see cref="OwedCredit"/>, <see cref="OwedCreditOutbox"/>).</summary>
public sealed class LedgerPartitionTests
{
    private static LedgerBook NewBook(PartitionMap map, int partition)
    {
        var book = new LedgerBook(AccountId.IsExternal);
        book.UsePartition(map, partition);
        return book;
    }

    /// <summary>Accounts held by <paramref name="partition"/> (found by trying names: the hash decides).</summary>
    private static List<string> AccountsOf(PartitionMap map, int partition, int count) =>
        Enumerable.Range(0, 10_000).Select(i => $"acct:{i}").Where(a => map.PartitionOf(a) == partition).Take(count).ToList();

    [Fact]
    public void One_partition_holds_every_account_under_the_ledger_id_itself()
    {
        var map = PartitionMap.Single;
        Assert.Equal("main", map.GrainKey("main", 0));
        Assert.All(Enumerable.Range(0, 1_000).Select(i => $"acct:{i}"), a => Assert.Equal(0, map.PartitionOf(a)));
        var route = PartitionRoute.Of(map, [new LedgerPosting("a", "b", 1, "x"), new LedgerPosting("c", "d", 1, "x")]);
        Assert.False(route.IsRefused);
        Assert.Empty(OwedCredit.Of(map, 0, "t", [new LedgerPosting("a", "b", 1, "x")]));
    }

    [Fact]
    public void The_partition_of_an_account_is_a_fixed_function_of_its_id_and_spreads_accounts_evenly()
    {
        var map = new PartitionMap(4);
        // Fixed values: the hash is part of the stored data's meaning (a change would move accounts between partitions).
        Assert.Equal(new[] { 1, 1, 3, 3, 0 }, new[] { "acct:0", "acct:1", "acct:2", "0xAbC", "agent:acme" }.Select(map.PartitionOf));
        var counts = Enumerable.Range(0, 40_000).GroupBy(i => map.PartitionOf($"acct:{i}")).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(4, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 9_500, 10_500));
        Assert.Equal(["main:p0", "main:p3"], new[] { map.GrainKey("main", 0), map.GrainKey("main", 3) });
        Assert.Throws<ArgumentOutOfRangeException>(() => map.GrainKey("main", 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionMap(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionMap(PartitionMap.MaxPartitions + 1));
    }

    [Fact]
    public void External_and_transit_accounts_are_in_every_partition()
    {
        var map = new PartitionMap(4);
        foreach (var account in new[] { AccountId.ExternalDeposits, AccountId.ExternalClaims, map.TransitAccount(2) })
        {
            Assert.True(PartitionMap.IsEverywhere(account));
            Assert.All(Enumerable.Range(0, 4), p => Assert.True(map.Holds(p, account)));
        }
        Assert.Equal(2, PartitionMap.TransitPartitionOf(map.TransitAccount(2)));
        Assert.Null(PartitionMap.TransitPartitionOf(AccountId.ExternalDeposits));
    }

    [Fact]
    public void A_transfer_routes_to_its_debited_accounts_partition_and_is_refused_when_they_span_two()
    {
        var map = new PartitionMap(4);
        var (a0, b0, c1) = (AccountsOf(map, 0, 2)[0], AccountsOf(map, 0, 2)[1], AccountsOf(map, 1, 1)[0]);
        Assert.Equal(new PartitionRoute(0), PartitionRoute.Of(map, [new LedgerPosting(a0, c1, 5, "x"), new LedgerPosting(b0, c1, 5, "x")]));
        // A deposit debits only an external account: it applies where the credited account is, so nothing is owed.
        Assert.Equal(new PartitionRoute(1), PartitionRoute.Of(map, [new LedgerPosting(AccountId.ExternalDeposits, c1, 5, "deposit")]));
        var refused = PartitionRoute.Of(map, [new LedgerPosting(a0, b0, 5, "x"), new LedgerPosting(c1, a0, 5, "x")]);
        Assert.True(refused.IsRefused);
        Assert.Equal(PartitionRoute.DebitsSpanPartitionsCode, refused.RefusalCode);
        Assert.Contains(c1, refused.Refusal);
        Assert.False(PartitionRoute.Of(map, null).IsRefused);
    }

    [Fact]
    public void A_book_refuses_to_debit_an_account_another_partition_holds()
    {
        var map = new PartitionMap(4);
        var book = NewBook(map, 0);
        var c1 = AccountsOf(map, 1, 1)[0];
        Assert.Throws<InvalidOperationException>(() => book.Apply(new LedgerTransfer("t", [new LedgerPosting(c1, AccountsOf(map, 0, 1)[0], 1, "x")])));
        Assert.Equal(0, book.TransferCount);
        Assert.Throws<ArgumentOutOfRangeException>(() => NewBook(map, 0).UsePartition(map, 4));
        var used = NewBook(map, 0);
        used.Apply(new LedgerTransfer("d", [new LedgerPosting(AccountId.ExternalDeposits, AccountsOf(map, 0, 1)[0], 1, "deposit")]));
        Assert.Throws<InvalidOperationException>(() => used.UsePartition(map, 1));
    }

    [Fact]
    public void A_credit_held_elsewhere_goes_to_the_transit_account_and_is_owed_until_the_receiving_partition_applies_it_once()
    {
        var map = new PartitionMap(4);
        var (sender, receiver) = (NewBook(map, 0), NewBook(map, 2));
        var (payer, local) = (AccountsOf(map, 0, 2)[0], AccountsOf(map, 0, 2)[1]);
        var remote = AccountsOf(map, 2, 1)[0];
        Assert.Equal(LedgerResultCode.Ok, sender.Apply(new LedgerTransfer("fund", [new LedgerPosting(AccountId.ExternalDeposits, payer, 100, "deposit")])));
        var fee = new LedgerTransfer("fee", [new LedgerPosting(payer, local, 30, "fee.owner"), new LedgerPosting(payer, remote, 70, "fee.contributor")]);
        Assert.Equal(LedgerResultCode.Ok, sender.Apply(fee, out var posted));
        Assert.Equal(0, sender.Balance(payer));
        Assert.Equal(30, sender.Balance(local));
        Assert.Equal(70, sender.Balance(map.TransitAccount(2)));
        Assert.Equal(0, sender.Balance(remote));
        Assert.Equal(0, sender.Balances.Values.Sum());

        var owed = Assert.Single(OwedCredit.Of(map, 0, fee.Id, posted));
        Assert.Equal((0, 2, 70L), (owed.FromPartition, owed.ToPartition, owed.Amount));
        var outbox = new OwedCreditOutbox();
        Assert.True(outbox.Record(owed));
        Assert.False(outbox.Record(owed)); // a replay of the same record
        Assert.Equal(70, outbox.PendingCreditOf(remote));

        // The receiving account holds nothing yet: a claim cannot draw on a pending credit.
        var claim = new LedgerTransfer("claim", [new LedgerPosting(remote, AccountId.ExternalClaims, 70, PostingCodes.Claim)]);
        Assert.Equal(LedgerResultCode.AccountNotFound, receiver.Apply(claim));

        var delivery = owed.ToDelivery(map);
        Assert.Null(AccountId.ValidateTransferId(delivery.Id));
        Assert.Equal(fee.Id, delivery.Reference);
        Assert.Equal(LedgerResultCode.Ok, receiver.Apply(delivery));
        Assert.Equal(LedgerResultCode.Exists, receiver.Apply(owed.ToDelivery(map))); // a second delivery (lost acknowledgement) applies nothing
        Assert.Equal(70, receiver.Balance(remote));
        Assert.Equal(-70, receiver.Balance(map.TransitAccount(0)));
        Assert.True(outbox.Acknowledge(fee.Id, 2));
        Assert.False(outbox.Acknowledge(fee.Id, 2));
        Assert.Equal((0, 0L, 0L), (outbox.Count, outbox.Amount, outbox.PendingCreditOf(remote)));
        Assert.Equal(LedgerResultCode.Ok, receiver.Apply(claim));
        // Across partitions the transit accounts cancel: debits = credits over the whole ledger.
        Assert.Equal(0, sender.Balance(map.TransitAccount(2)) + receiver.Balance(map.TransitAccount(0)));
    }

    [Fact]
    public void Owed_credits_are_grouped_per_receiving_partition_and_derived_the_same_way_on_replay()
    {
        var map = new PartitionMap(4);
        var payer = AccountsOf(map, 3, 1)[0];
        var postings = Enumerable.Range(0, 3).SelectMany(p => AccountsOf(map, p, 2)).Select(a => new LedgerPosting(payer, a, 10, "fee")).ToList();
        var owed = OwedCredit.Of(map, 3, "t", postings);
        Assert.Equal([0, 1, 2], owed.Select(o => o.ToPartition));
        Assert.All(owed, o => Assert.Equal(2, o.Credits.Count));
        Assert.Equal(owed.Select(o => o.DeliveryId), OwedCredit.Of(map, 3, "t", postings).Select(o => o.DeliveryId));
        Assert.NotEqual(OwedCredit.DeliveryIdOf("t", 3), OwedCredit.DeliveryIdOf("t", 2));
        Assert.Null(AccountId.ValidateTransferId(OwedCredit.DeliveryIdOf(new string('x', AccountId.MaxTransferIdLength), 255)));
    }

    [Fact]
    public void The_outbox_delivers_in_one_batch_per_receiving_partition_and_keeps_a_credit_until_it_is_acknowledged()
    {
        var map = new PartitionMap(4);
        var payers = AccountsOf(map, 0, 1);
        var earners = Enumerable.Range(1, 3).Select(p => AccountsOf(map, p, 1)[0]).ToList();
        var outbox = new OwedCreditOutbox();
        // 30 transfers, each crediting partitions 1, 2 and 3: 90 owed credits, three receivers.
        for (var t = 0; t < 30; t++)
            foreach (var owed in OwedCredit.Of(map, 0, $"t{t}", earners.Select(e => new LedgerPosting(payers[0], e, 10 + t, "fee")).ToList())) outbox.Record(owed);
        Assert.Equal(90, outbox.Count);

        var round = outbox.NextDeliveries(maxPerPartition: 1_000);
        Assert.Equal([1, 2, 3], round.Select(r => r[0].ToPartition)); // one delivery per receiving partition, in partition order
        Assert.All(round, r => Assert.Equal(30, r.Count));
        Assert.All(round, r => Assert.All(r, c => Assert.Equal(r[0].ToPartition, c.ToPartition)));
        Assert.Equal(90, outbox.Count); // taking a round removes nothing

        // Capped per receiver; what is left over comes in a later round.
        var capped = outbox.NextDeliveries(maxPerPartition: 12);
        Assert.All(capped, r => Assert.Equal(12, r.Count));

        // Partition 2 applied its batch; 1 answered for part of it only; 3 did not answer: the rest stays owed.
        foreach (var c in round[1]) Assert.True(outbox.Acknowledge(c.TransferId, 2));
        foreach (var c in round[0].Take(10)) Assert.True(outbox.Acknowledge(c.TransferId, 1));
        var next = outbox.NextDeliveries(maxPerPartition: 1_000);
        Assert.Equal([1, 3], next.Select(r => r[0].ToPartition));
        Assert.Equal([20, 30], next.Select(r => r.Count));
        Assert.Equal(round[0].Skip(10).Select(c => c.TransferId).Order(), next[0].Select(c => c.TransferId).Order());
        Assert.Equal(0, outbox.PendingCreditOf(earners[1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => outbox.NextDeliveries(0));

        foreach (var batch in next) foreach (var c in batch) outbox.Acknowledge(c.TransferId, c.ToPartition);
        Assert.Empty(outbox.NextDeliveries(1_000));
        Assert.Equal((0, 0L), (outbox.Count, outbox.Amount));
    }
}
