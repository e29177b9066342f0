using OpenLedger.Actors.Domain.Ledger;
using OpenLedger.Actors.Domain.Ledger.Partitions;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.UnitTests;

/// <summary>Where the router sends each kind of request (<see cref="LedgerRouting"/>).</summary>
public sealed class LedgerRoutingTests
{
    private static readonly LedgerRouting Three = new(new PartitionMap(3));

    private static string AccountOf(int partition, int skip = 0) =>
        Enumerable.Range(0, 10_000).Select(i => $"acct:{i}").Where(a => Three.Map.PartitionOf(a) == partition).Skip(skip).First();

    [Fact]
    public void With_one_partition_everything_goes_to_partition_zero_and_nothing_is_owed()
    {
        var one = new LedgerRouting(PartitionMap.Single);
        Assert.Equal([0], one.All);
        Assert.Equal(0, one.ForAccount("anyone"));
        Assert.Equal([0], one.BalanceOf(AccountId.ExternalDeposits));
        Assert.Empty(one.OwingTo("anyone"));
        Assert.False(one.ForTransfer([new LedgerPosting("a", "b", 1, "c"), new LedgerPosting("z", "y", 1, "c")]).IsRefused);
        Assert.Equal("head", LedgerRouting.CombinedHead(["head"]));
    }

    [Fact]
    public void A_write_goes_to_its_debited_accounts_partition_and_a_deposit_to_its_credited_account()
    {
        var (payer, other) = (AccountOf(1), AccountOf(2));
        Assert.Equal(1, Three.ForTransfer([new LedgerPosting(payer, other, 5, "fee.contributor"), new LedgerPosting(payer, AccountOf(0), 5, "fee.contributor")]).Partition);
        Assert.Equal(2, Three.ForTransfer([new LedgerPosting(AccountId.ExternalDeposits, other, 5, "deposit")]).Partition);
        Assert.Equal(Three.ForAccount(payer), Three.ForTransfer([new LedgerPosting(payer, AccountId.ExternalClaims, 5, "claim")]).Partition); // a claim
    }

    [Fact]
    public void A_write_whose_debits_span_partitions_is_refused_with_its_code()
    {
        var route = Three.ForTransfer([new LedgerPosting(AccountOf(0), "x", 1, "c"), new LedgerPosting(AccountOf(1), "x", 1, "c")]);
        Assert.True(route.IsRefused);
        Assert.Equal(PartitionRoute.DebitsSpanPartitionsCode, route.RefusalCode);
        Assert.False(Three.ForTransfer([new LedgerPosting(AccountOf(0), "x", 1, "c"), new LedgerPosting(AccountOf(0, 1), "x", 1, "c")]).IsRefused);
    }

    [Fact]
    public void Reads_of_an_account_ask_its_holder_for_the_balance_and_every_other_partition_for_credits_owed_to_it()
    {
        var account = AccountOf(2);
        Assert.Equal([2], Three.BalanceOf(account));
        Assert.Equal([0, 1], Three.OwingTo(account));
        Assert.Equal([0, 1, 2], Three.BalanceOf(AccountId.ExternalDeposits)); // held everywhere: summed over all
        Assert.Empty(Three.OwingTo(AccountId.ExternalDeposits));
    }

    [Fact]
    public void The_combined_head_commits_to_every_partitions_head_in_order()
    {
        var heads = new[] { new string('a', 64), new string('b', 64), new string('c', 64) };
        var combined = LedgerRouting.CombinedHead(heads);
        Assert.Equal(64, combined.Length);
        Assert.NotEqual(combined, LedgerRouting.CombinedHead([heads[1], heads[0], heads[2]]));
        Assert.NotEqual(combined, LedgerRouting.CombinedHead([heads[0], heads[1], new string('d', 64)]));
    }

    [Fact]
    public void A_merged_statement_line_names_its_partition_and_its_copy_line()
    {
        Assert.Equal(17, MergedStatementCursor.Compose(0, 17)); // partition 0's numbers are unchanged
        var line = MergedStatementCursor.Compose(3, 42);
        Assert.Equal((3, 42L), MergedStatementCursor.Split(line, partitions: 4));
        Assert.True(MergedStatementCursor.Compose(1, 0) > MergedStatementCursor.Compose(0, (1L << MergedStatementCursor.LineBits) - 1)); // order: partition, then line
        Assert.Throws<ArgumentOutOfRangeException>(() => MergedStatementCursor.Split(line, partitions: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MergedStatementCursor.Split(-1, partitions: 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => MergedStatementCursor.Compose(0, 1L << MergedStatementCursor.LineBits));
    }
}
