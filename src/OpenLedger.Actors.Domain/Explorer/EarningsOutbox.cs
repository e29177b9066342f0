namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>What one committed event earned one account, at the second the inference completed.</summary>
public sealed record SequencedEarning(long Sequence, long UnixSecond, long Amount);

/// <summary>
/// The earnings the explorer catalog owes the accounts' histories: per account, what each committed event earned it, in
/// sequence order. An account's history stores the newest sequence number it applied and ignores older ones, so the
/// catalog can resend (after a lost reply, or from its event log after a crash) and each event counts exactly once.
/// </summary>
public sealed class EarningsOutbox
{
    private readonly Dictionary<string, List<SequencedEarning>> _owed = new(StringComparer.Ordinal);

    public int AccountCount => _owed.Count;

    public int EarningCount => _owed.Values.Sum(e => e.Count);

    /// <summary>The oldest sequence number some account's history still lacks (<see cref="long.MaxValue"/> when nothing is owed).</summary>
    public long OldestOwedSequence => _owed.Count == 0 ? long.MaxValue : _owed.Values.Min(e => e[0].Sequence);

    /// <summary>Adds what event <paramref name="sequence"/> earned <paramref name="account"/> (several postings of one event add up).</summary>
    public void Add(string account, long sequence, long unixSecond, long amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        if (!_owed.TryGetValue(account, out var earnings)) _owed[account] = earnings = [];
        if (earnings.Count > 0 && earnings[^1].Sequence > sequence)
            throw new ArgumentException($"Event {sequence} of {account} is older than the owed event {earnings[^1].Sequence}.", nameof(sequence));
        if (earnings.Count > 0 && earnings[^1].Sequence == sequence)
            earnings[^1] = earnings[^1] with { Amount = checked(earnings[^1].Amount + amount) };
        else
            earnings.Add(new SequencedEarning(sequence, unixSecond, amount));
    }

    /// <summary>A copy of what is owed, per account, oldest first.</summary>
    public IReadOnlyList<(string Account, IReadOnlyList<SequencedEarning> Earnings)> Owed() =>
        _owed.Select(e => (e.Key, (IReadOnlyList<SequencedEarning>)e.Value.ToList())).ToList();

    /// <summary>The account's history holds every event through <paramref name="throughSequence"/>.</summary>
    public void Acknowledge(string account, long throughSequence)
    {
        if (!_owed.TryGetValue(account, out var earnings)) return;
        earnings.RemoveAll(e => e.Sequence <= throughSequence);
        if (earnings.Count == 0) _owed.Remove(account);
    }
}
