namespace OpenLedger.Actors.Domain.Ledger.Partitions;

/// <summary>
/// Where a transfer applies: the partition holding its debited accounts, where it applies exactly once and atomically
/// (its id, balances and reservations are that partition's); or a refusal, with a stable code, when its debits are
/// held by more than one partition (<see cref="DebitsSpanPartitionsCode"/>). Credits held elsewhere are owed
/// (<see cref="OwedCredit"/>).
/// </summary>
public sealed record PartitionRoute(int Partition, string? RefusalCode = null, string? Refusal = null)
{
    /// <summary>The code of a transfer whose debited accounts are held by different partitions (it changes nothing).</summary>
    public const string DebitsSpanPartitionsCode = "transfer.debits_span_partitions";

    public bool IsRefused => RefusalCode is not null;

    /// <summary>
    /// The route of a transfer with <paramref name="postings"/>: the partition of its debited accounts (external
    /// accounts, held everywhere, do not count); a transfer that debits only external accounts (a deposit) applies
    /// where its first credited account is held, so that credit is never owed. Null or empty postings route to
    /// partition 0, whose book answers them as it answers any malformed write.
    /// </summary>
    public static PartitionRoute Of(PartitionMap map, IReadOnlyList<LedgerPosting>? postings)
    {
        int? debits = null;
        foreach (var posting in postings ?? [])
        {
            if (posting?.DebitAccount is not { Length: > 0 } debit || PartitionMap.IsEverywhere(debit)) continue;
            var partition = map.PartitionOf(debit);
            if (debits is { } first && first != partition)
                return new PartitionRoute(first, DebitsSpanPartitionsCode,
                    $"A transfer debits accounts of one ledger partition only; '{debit}' is held by partition {partition}, an earlier debited account by partition {first}. Split it into one transfer per debited account.");
            debits = partition;
        }
        if (debits is { } routed) return new PartitionRoute(routed);
        var credit = (postings ?? []).FirstOrDefault(p => p?.CreditAccount is { Length: > 0 } c && !PartitionMap.IsEverywhere(c));
        return new PartitionRoute(credit is null ? 0 : map.PartitionOf(credit.CreditAccount));
    }
}
