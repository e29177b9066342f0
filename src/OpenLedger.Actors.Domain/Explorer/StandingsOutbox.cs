namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// The leaderboard standings the explorer catalog owes its stored buckets. Each commit adds a snapshot of the standings
/// its events changed, taken when the commit took its events (so it holds exactly the committed events, none that
/// arrived during the write) and stamped with the commit's newest sequence number; a newer snapshot of an account
/// replaces an older one. A bucket stores the sequence number its standings are complete through and ignores an older
/// one, so writing a bucket again (after a lost reply or a crash) never counts an event twice.
/// </summary>
public sealed class StandingsOutbox
{
    private readonly Dictionary<string, LeaderboardStanding> _owed = new(StringComparer.Ordinal);

    /// <summary>The newest sequence number the owed standings include.</summary>
    public long ThroughSequence { get; private set; }

    /// <summary>The oldest sequence number an owed standing may include that no bucket holds (<see cref="long.MaxValue"/> when nothing is owed).</summary>
    public long OldestOwedSequence { get; private set; } = long.MaxValue;

    public int Count => _owed.Count;

    public IReadOnlyCollection<LeaderboardStanding> Owed => _owed.Values;

    /// <summary>Adds the standings changed by the committed events <paramref name="fromSequence"/> to <paramref name="throughSequence"/>.</summary>
    public void Add(IEnumerable<LeaderboardStanding> snapshot, long fromSequence, long throughSequence)
    {
        if (throughSequence < ThroughSequence) throw new ArgumentException($"Standings through {throughSequence} are older than the owed ones ({ThroughSequence}).", nameof(throughSequence));
        var added = false;
        foreach (var standing in snapshot)
        {
            _owed[standing.Account] = standing;
            added = true;
        }
        ThroughSequence = throughSequence;
        if (added) OldestOwedSequence = Math.Min(OldestOwedSequence, fromSequence);
    }

    /// <summary>The standings <paramref name="written"/> (as owed at the time) are in their buckets: no longer owed
    /// unless a newer snapshot replaced them meanwhile.</summary>
    public void Written(IEnumerable<LeaderboardStanding> written)
    {
        foreach (var standing in written)
            if (_owed.TryGetValue(standing.Account, out var owed) && ReferenceEquals(owed, standing)) _owed.Remove(standing.Account);
        if (_owed.Count == 0) OldestOwedSequence = long.MaxValue;
    }
}
