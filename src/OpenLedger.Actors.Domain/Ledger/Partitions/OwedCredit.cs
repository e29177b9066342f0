using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OpenLedger.Actors.Domain.Ledger.Partitions;

/// <summary>
/// Credits a transfer applied in partition <see cref="FromPartition"/> owes to accounts held by partition
/// <see cref="ToPartition"/>: the transfer's postings whose credited account is held there (as the journal holds them,
/// so the statement can name the debited account). In the sending partition they were credited to its transit
/// account for <see cref="ToPartition"/>; the receiving partition applies them once, as the transfer
/// <see cref="ToDelivery"/> makes, debiting its transit account for <see cref="FromPartition"/>.
/// </summary>
public sealed record OwedCredit(string TransferId, int FromPartition, int ToPartition, IReadOnlyList<LedgerPosting> Credits)
{
    /// <summary>The prefix of delivery transfer ids: <c>credit:p{from}:{SHA-256 of the transfer id, hex}</c>.</summary>
    public const string DeliveryPrefix = "credit:p";

    public long Amount => Credits.Sum(c => c.Amount);

    /// <summary>
    /// The id the receiving partition applies the credits under: derived from the transfer id and the sending
    /// partition only, so every delivery of the same owed credit has the same id and the receiving book's id index makes
    /// it apply exactly once (a repeat answers <see cref="LedgerResultCode.Exists"/>). Hashed so that it fits the
    /// transfer id rules however long the original id is.
    /// </summary>
    public string DeliveryId => DeliveryIdOf(TransferId, FromPartition);

    public static string DeliveryIdOf(string transferId, int fromPartition) => string.Create(CultureInfo.InvariantCulture,
        $"{DeliveryPrefix}{fromPartition}:{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(transferId)))}");

    /// <summary>
    /// The transfer the receiving partition applies: each credit, from its transit account for the sending partition
    /// (an external account, so it has no floor), with the original transfer id as reference.
    /// </summary>
    public LedgerTransfer ToDelivery(PartitionMap map) =>
        new(DeliveryId, Credits.Select(c => new LedgerPosting(map.TransitAccount(FromPartition), c.CreditAccount, c.Amount, c.Code)).ToList(), TransferId);

    /// <summary>
    /// The credits a write applied in <paramref name="partition"/> owes to other partitions, one per receiving
    /// partition, in partition order: derived from the write's posted postings alone, so they are recorded by the same
    /// journal record as the write and a replay derives the same ones.
    /// </summary>
    public static IReadOnlyList<OwedCredit> Of(PartitionMap map, int partition, string transferId, IReadOnlyList<LedgerPosting> posted)
    {
        if (map.Count == 1) return [];
        return posted.Where(p => !map.Holds(partition, p.CreditAccount))
            .GroupBy(p => map.PartitionOf(p.CreditAccount))
            .OrderBy(g => g.Key)
            .Select(g => new OwedCredit(transferId, partition, g.Key, g.ToList()))
            .ToList();
    }
}
