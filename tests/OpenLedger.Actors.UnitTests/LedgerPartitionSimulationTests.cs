using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests;

/// <summary>
/// The partition protocol on plain books, from a seed: four partitions, random transfers with credits in other
/// partitions, deliveries in random order, lost acknowledgements and sender crashes between the journal write and the
/// delivery (the outbox is lost and rebuilt from the sender's journal). At the end: every credit applied exactly once,
/// nothing pending, every book balanced, the transit accounts cancelled out, and each account holding what the
/// transfers moved.
/// </summary>
public sealed class LedgerPartitionSimulationTests
{
    private sealed class Partition(PartitionMap map, int number)
    {
        public LedgerBook Book { get; } = NewBook(map, number);
        public List<LedgerEntry> Journal { get; } = [];
        public OwedCreditOutbox Outbox { get; set; } = new();

        private static LedgerBook NewBook(PartitionMap map, int number)
        {
            var book = new LedgerBook(AccountId.IsExternal);
            book.UsePartition(map, number);
            return book;
        }

        /// <summary>A write and the credits it owes are durable together (one journal record), then the outbox learns of them.</summary>
        public LedgerResultCode Write(LedgerEntry entry)
        {
            var code = Book.Apply(entry, out var posted);
            if (code != LedgerResultCode.Ok) return code;
            Journal.Add(entry);
            if (entry is TransferEntry t)
            {
                foreach (var owed in OwedCredit.Of(map, number, t.Id, posted)) Outbox.Record(owed);
            }
            return code;
        }

        /// <summary>A crash after the journal write: the outbox is gone; recovery derives it again from the journal (acknowledged ones included).</summary>
        public void CrashAndRecover()
        {
            Outbox = new OwedCreditOutbox();
            foreach (var t in Journal.OfType<LedgerTransfer>())
            {
                foreach (var owed in OwedCredit.Of(map, number, t.Id, t.Postings)) Outbox.Record(owed);
            }
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(2026)]
    public void Random_cross_partition_transfers_with_crashes_apply_every_credit_exactly_once(int seed)
    {
        var rng = new Random(seed);
        var map = new PartitionMap(4);
        var partitions = Enumerable.Range(0, map.Count).Select(p => new Partition(map, p)).ToList();
        var accounts = Enumerable.Range(0, 40).Select(i => $"acct:{i}").ToList();
        var expected = accounts.ToDictionary(a => a, _ => 0L);
        var deliveries = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var account in accounts)
        {
            var deposit = new LedgerTransfer($"deposit:{account}", [new LedgerPosting(AccountId.ExternalDeposits, account, 10_000, "deposit")]);
            Assert.Equal(LedgerResultCode.Ok, partitions[PartitionRoute.Of(map, deposit.Postings).Partition].Write(deposit));
            expected[account] += 10_000;
        }

        for (var n = 0; n < 5_000; n++)
        {
            switch (rng.Next(10))
            {
                case < 6:
                {
                    var payer = accounts[rng.Next(accounts.Count)];
                    var postings = Enumerable.Range(0, rng.Next(1, 5)).Select(_ => accounts[rng.Next(accounts.Count)]).Where(a => a != payer)
                        .Select(a => new LedgerPosting(payer, a, rng.Next(1, 300), "fee")).ToList();
                    if (postings.Count == 0) break;
                    var transfer = new LedgerTransfer($"t{n}", postings);
                    var route = PartitionRoute.Of(map, postings);
                    Assert.False(route.IsRefused);
                    if (partitions[route.Partition].Write(transfer) == LedgerResultCode.Ok)
                    {
                        foreach (var p in postings) (expected[p.DebitAccount], expected[p.CreditAccount]) = (expected[p.DebitAccount] - p.Amount, expected[p.CreditAccount] + p.Amount);
                    }
                    break;
                }
                case < 9:
                    DeliverOne(rng, partitions, map, deliveries, loseAcknowledgement: rng.Next(4) == 0);
                    break;
                default:
                    partitions[rng.Next(partitions.Count)].CrashAndRecover();
                    break;
            }
        }
        // Quiescence: deliver until every outbox is empty.
        while (partitions.Any(p => p.Outbox.Count > 0)) DeliverOne(rng, partitions, map, deliveries, loseAcknowledgement: false);

        Assert.All(deliveries.Values, applied => Assert.Equal(1, applied));
        var owedEver = partitions.SelectMany((p, number) => p.Journal.OfType<LedgerTransfer>().SelectMany(t => OwedCredit.Of(map, number, t.Id, t.Postings))).ToList();
        Assert.Equal(owedEver.Select(o => o.DeliveryId + "→" + o.ToPartition).Order(), deliveries.Keys.Order());
        Assert.All(partitions, p => Assert.Equal(0, p.Book.Balances.Values.Sum()));
        Assert.Equal(0, partitions.Sum(p => p.Book.Balances.Where(b => PartitionMap.TransitPartitionOf(b.Key) is not null).Sum(b => b.Value)));
        foreach (var account in accounts) Assert.Equal(expected[account], partitions[map.PartitionOf(account)].Book.Balance(account));
        Assert.All(partitions, p => Assert.DoesNotContain(p.Book.Balances.Keys, a => !PartitionMap.IsEverywhere(a) && !map.Holds(p.Book.Partition, a)));
    }

    private static void DeliverOne(Random rng, List<Partition> partitions, PartitionMap map, Dictionary<string, int> deliveries, bool loseAcknowledgement)
    {
        var senders = partitions.Where(p => p.Outbox.Count > 0).ToList();
        if (senders.Count == 0) return;
        var sender = senders[rng.Next(senders.Count)];
        var owed = sender.Outbox.Pending.ElementAt(rng.Next(sender.Outbox.Count));
        var code = partitions[owed.ToPartition].Write(owed.ToDelivery(map));
        Assert.True(code.IsSuccess(), $"Delivery of {owed.TransferId} to partition {owed.ToPartition} answered {code}.");
        if (code == LedgerResultCode.Ok) deliveries[owed.DeliveryId + "→" + owed.ToPartition] = deliveries.GetValueOrDefault(owed.DeliveryId + "→" + owed.ToPartition) + 1;
        if (!loseAcknowledgement) sender.Outbox.Acknowledge(owed.TransferId, owed.ToPartition);
    }
}
