using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Ledger.Partitions;

/// <summary>
/// Which partitions of a ledger a caller's request goes to (<see cref="PartitionMap"/> decides who holds what):
/// <list type="bullet">
/// <item>a transfer: the partition of its debited accounts, or a refusal when they span partitions (<see cref="PartitionRoute"/>);</item>
/// <item>a deposit, a registration, a claim, a reservation and its post or void: the partition of the one account
/// they debit or name (for two-phase transfers, the payer's, which holds the reservation);</item>
/// <item>a read of one account: its holding partition, plus every other partition for the credits they owe it and
/// have not applied yet (<see cref="OwingTo"/>); an account held everywhere (<c>external:…</c>) is read from all
/// partitions and summed;</item>
/// <item>totals: every partition (<see cref="All"/>).</item>
/// </list>
/// With one partition every decision is partition 0, whose grain key is the ledger id itself.
/// </summary>
public sealed class LedgerRouting(PartitionMap map)
{
    public PartitionMap Map => map;

    public int Count => map.Count;

    public IReadOnlyList<int> All => Enumerable.Range(0, map.Count).ToList();

    /// <summary>The partition a transfer applies in, or its refusal (<see cref="PartitionRoute.DebitsSpanPartitionsCode"/>).</summary>
    public PartitionRoute ForTransfer(IReadOnlyList<LedgerPosting>? postings) => PartitionRoute.Of(map, postings);

    /// <summary>The partition holding <paramref name="account"/>: where its deposits, registration, claims, reservations and statement are.</summary>
    public int ForAccount(string account) => map.PartitionOf(account);

    /// <summary>The partitions whose balances of <paramref name="account"/> make its balance: all for an account held everywhere, else its holder.</summary>
    public IReadOnlyList<int> BalanceOf(string account) => PartitionMap.IsEverywhere(account) ? All : [map.PartitionOf(account)];

    /// <summary>The partitions that may owe <paramref name="account"/> credits not applied yet: every partition but its holder (none with one partition, or for an account held everywhere).</summary>
    public IReadOnlyList<int> OwingTo(string account)
    {
        if (map.Count == 1 || PartitionMap.IsEverywhere(account)) return [];
        var holder = map.PartitionOf(account);
        return All.Where(p => p != holder).ToList();
    }

    /// <summary>
    /// One hash for the heads of all partitions' journals, in partition order: the single head itself with one
    /// partition (as before partitions), else SHA-256 over the heads joined by newlines — it commits to every journal.
    /// </summary>
    public static string CombinedHead(IReadOnlyList<string> heads)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (heads.Count == 1) return heads[0];
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\n', heads))));
    }
}
