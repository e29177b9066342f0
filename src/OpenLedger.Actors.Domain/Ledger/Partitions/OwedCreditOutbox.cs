namespace OpenLedger.Actors.Domain.Ledger.Partitions;

/// <summary>
/// A partition's credits owed to other partitions and not yet acknowledged, keyed by (transfer id, receiving
/// partition). A credit enters when the write that owes it is durable (<see cref="Record"/>, from
/// <see cref="OwedCredit.Of"/> on the write's journal record) and leaves when the receiving partition has applied it
/// (<see cref="Acknowledge"/>: it answered <c>Ok</c> or <c>Exists</c> to the delivery). Until then it is pending: the
/// receiving account's balance does not hold it, so nothing can claim or spend it, and
/// <see cref="PendingCreditOf"/> shows it. Delivering again is always safe (the delivery id makes the receiver
/// idempotent), so an outbox rebuilt after a crash may hold credits already applied: delivering them answers
/// <c>Exists</c> and acknowledges them. Holds at most the credits in flight (bounded by what is written between
/// deliveries), never history.
/// </summary>
public sealed class OwedCreditOutbox
{
    private readonly Dictionary<(string TransferId, int ToPartition), OwedCredit> _owed = [];
    private readonly Dictionary<string, long> _pendingByAccount = new(StringComparer.Ordinal);

    public int Count => _owed.Count;

    /// <summary>Micro-units owed and not yet acknowledged.</summary>
    public long Amount { get; private set; }

    public IReadOnlyCollection<OwedCredit> Pending => _owed.Values;

    /// <summary>Adds an owed credit; the same one again changes nothing (a replay of the record that owes it).</summary>
    public bool Record(OwedCredit credit)
    {
        if (!_owed.TryAdd((credit.TransferId, credit.ToPartition), credit)) return false;
        foreach (var c in credit.Credits) _pendingByAccount[c.CreditAccount] = _pendingByAccount.GetValueOrDefault(c.CreditAccount) + c.Amount;
        Amount += credit.Amount;
        return true;
    }

    /// <summary>The receiving partition applied the credit: it leaves the outbox (false if it was not there: an earlier acknowledgement).</summary>
    public bool Acknowledge(string transferId, int toPartition)
    {
        if (!_owed.Remove((transferId, toPartition), out var credit)) return false;
        foreach (var c in credit.Credits)
        {
            var left = _pendingByAccount[c.CreditAccount] - c.Amount;
            if (left == 0) _pendingByAccount.Remove(c.CreditAccount);
            else _pendingByAccount[c.CreditAccount] = left;
        }
        Amount -= credit.Amount;
        return true;
    }

    /// <summary>What this partition owes <paramref name="account"/> (held by another partition) and has not delivered yet.</summary>
    public long PendingCreditOf(string account) => _pendingByAccount.GetValueOrDefault(account);

    /// <summary>
    /// The next deliveries: for each partition owed anything, in partition order, up to <paramref name="maxPerPartition"/>
    /// of the credits owed to it (in no particular order: they are independent of each other). Each list goes to its
    /// partition in one call, which applies them together in one journal record (or as few as their size allows), so a
    /// delivery costs the receiver one write however many transfers owe it credits. Takes nothing out: a credit leaves
    /// only when acknowledged.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<OwedCredit>> NextDeliveries(int maxPerPartition)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerPartition, 1);
        var byPartition = new SortedDictionary<int, List<OwedCredit>>();
        foreach (var credit in _owed.Values)
        {
            if (!byPartition.TryGetValue(credit.ToPartition, out var list)) byPartition[credit.ToPartition] = list = [];
            if (list.Count < maxPerPartition) list.Add(credit);
        }
        return byPartition.Values.ToList<IReadOnlyList<OwedCredit>>();
    }

    /// <summary>The owed credits for <paramref name="toPartition"/>, in no particular order (deliveries are independent of each other).</summary>
    public IEnumerable<OwedCredit> PendingTo(int toPartition) => _owed.Values.Where(c => c.ToPartition == toPartition);
}
