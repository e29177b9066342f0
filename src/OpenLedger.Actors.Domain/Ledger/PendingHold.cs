namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>
/// A pending transfer as the book holds it: what it reserves on each debited account while
/// <see cref="Status"/> is <see cref="PendingStatus.Pending"/>, and how it ended (<see cref="ResolvedBy"/> names the
/// post or void; null for an expiry).
/// </summary>
public sealed class PendingHold(PendingTransfer transfer)
{
    public PendingTransfer Transfer { get; } = transfer;

    /// <summary>The reserved amount per debited account (gross: credits to an account do not offset its reservation).</summary>
    public IReadOnlyDictionary<string, long> Reserved { get; } = transfer.Postings
        .GroupBy(p => p.DebitAccount, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.Aggregate(0L, (sum, p) => checked(sum + p.Amount)), StringComparer.Ordinal);

    /// <summary>Everything reserved, over all accounts.</summary>
    public long Total => Reserved.Values.Aggregate(0L, (sum, amount) => checked(sum + amount));

    public PendingStatus Status { get; internal set; }

    public string? ResolvedBy { get; internal set; }
}
