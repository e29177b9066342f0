using System.Globalization;
using OpenLedger.Actors.Domain.Ledger.Archive;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Ledger.Partitions;

/// <summary>
/// Which partition of a ledger holds an account: a stable hash of the account id (the first eight bytes of its
/// SHA-256, <see cref="ArchiveHash"/>) modulo the partition count. The same id lands in the same partition on every
/// silo, in every process, in every version — so the count is part of a ledger's identity: it is set once, before the
/// first write, and never changed (moving accounts between partitions is a migration this code does not do).
/// <para>
/// External accounts (<c>external:…</c>, money outside the ledger) are not routed: every partition keeps its own copy
/// (a deposit debits the crediting partition's <c>external:deposits</c>, a claim credits the claiming partition's
/// <c>external:claims</c>). So are the transit accounts (<see cref="TransitAccount"/>), one per other partition,
/// through which credits owed across partitions pass. With one partition every account is in partition 0, its grain
/// key is the ledger id itself, and nothing is ever owed: the ledger behaves exactly as an unpartitioned one.
/// </para>
/// </summary>
public sealed class PartitionMap
{
    public const int MaxPartitions = 256;

    /// <summary>The prefix of transit accounts: <c>external:partition-{n}</c> in partition p is p's account with partition n.</summary>
    public const string TransitPrefix = "external:partition-";

    public PartitionMap(int count)
    {
        if (count is < 1 or > MaxPartitions) throw new ArgumentOutOfRangeException(nameof(count), count, $"A ledger has between 1 and {MaxPartitions} partitions.");
        Count = count;
    }

    public static PartitionMap Single { get; } = new(1);

    public int Count { get; }

    /// <summary>Whether <paramref name="account"/> exists in every partition (external and transit accounts) rather than in one.</summary>
    public static bool IsEverywhere(string account) => AccountId.IsExternal(account);

    /// <summary>The partition holding <paramref name="account"/> (for an account that is everywhere: any caller's own).</summary>
    public int PartitionOf(string account) => Count == 1 ? 0 : (int)(ArchiveHash.Of(account) % (ulong)Count);

    /// <summary>Whether partition <paramref name="partition"/> holds <paramref name="account"/> (always, for one that is everywhere).</summary>
    public bool Holds(int partition, string account) => IsEverywhere(account) || PartitionOf(account) == partition;

    /// <summary>The grain key of a partition: the ledger id itself when there is one partition (as before partitions), else <c>{ledgerId}:p{n}</c>.</summary>
    public string GrainKey(string ledgerId, int partition)
    {
        CheckPartition(partition);
        return Count == 1 ? ledgerId : string.Create(CultureInfo.InvariantCulture, $"{ledgerId}:p{partition}");
    }

    /// <summary>The transit account, in any partition, for partition <paramref name="other"/> (what it owes there or received from there, net).</summary>
    public string TransitAccount(int other)
    {
        CheckPartition(other);
        return string.Create(CultureInfo.InvariantCulture, $"{TransitPrefix}{other}");
    }

    /// <summary>The ledger id and partition number a grain key names: <c>{ledgerId}:p{n}</c>, or the whole key and null (an unpartitioned ledger).</summary>
    public static (string LedgerId, int? Partition) ParseGrainKey(string key)
    {
        var at = key.LastIndexOf(":p", StringComparison.Ordinal);
        if (at > 0 && int.TryParse(key.AsSpan(at + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var partition) && partition < MaxPartitions
            && key.AsSpan(at + 2).Length == partition.ToString(CultureInfo.InvariantCulture).Length)
            return (key[..at], partition);
        return (key, null);
    }

    /// <summary>A posting as partition <paramref name="partition"/> books it: a credit to an account held elsewhere lands in the transit account for its partition.</summary>
    public LedgerPosting AsBookedIn(int partition, LedgerPosting posting) =>
        Holds(partition, posting.CreditAccount) ? posting : posting with { CreditAccount = TransitAccount(PartitionOf(posting.CreditAccount)) };

    /// <summary>The partition a transit account stands for, or null for any other account.</summary>
    public static int? TransitPartitionOf(string account) =>
        account.StartsWith(TransitPrefix, StringComparison.Ordinal) && int.TryParse(account.AsSpan(TransitPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var p) ? p : null;

    private void CheckPartition(int partition)
    {
        if (partition < 0 || partition >= Count) throw new ArgumentOutOfRangeException(nameof(partition), partition, $"The ledger has {Count} partitions.");
    }
}
