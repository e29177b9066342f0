namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// Accounts ranked by what they have earned (most first, ties by account id in ordinal order), kept sorted as
/// credits arrive: a credit is O(log n), a page O(log n + page size), an account's rank O(n) at worst.
/// </summary>
public sealed class Leaderboard
{
    private readonly Dictionary<string, LeaderboardStanding> _byAccount = new(StringComparer.Ordinal);
    private readonly SortedSet<LeaderboardStanding> _ranked = new(RankOrder.Instance);

    public int Count => _byAccount.Count;

    /// <summary>Everything credited to every account, in micro-units.</summary>
    public long TotalEarned { get; private set; }

    public IEnumerable<LeaderboardStanding> All => _ranked;

    /// <summary>Adds <paramref name="amount"/> (≥ 0) earned by <paramref name="account"/> in one payment. The role
    /// recorded is the one of the account's first payment.</summary>
    public void Credit(string account, string role, long amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (_byAccount.TryGetValue(account, out var current))
        {
            _ranked.Remove(current);
            current = current with { Earned = checked(current.Earned + amount), Payments = current.Payments + 1 };
        }
        else
        {
            current = new LeaderboardStanding(account, role, amount, 1);
        }
        _byAccount[account] = current;
        _ranked.Add(current);
        TotalEarned = checked(TotalEarned + amount);
    }

    public void Restore(LeaderboardStanding standing)
    {
        if (_byAccount.ContainsKey(standing.Account)) throw new ArgumentException($"Account '{standing.Account}' is already on the leaderboard.", nameof(standing));
        _byAccount[standing.Account] = standing;
        _ranked.Add(standing);
        TotalEarned = checked(TotalEarned + standing.Earned);
    }

    public LeaderboardStanding? Find(string account) => _byAccount.GetValueOrDefault(account);

    /// <summary>1-based rank of the account, or 0 when it has earned nothing yet.</summary>
    public int RankOf(string account)
    {
        if (!_byAccount.TryGetValue(account, out var standing)) return 0;
        return _ranked.GetViewBetween(_ranked.Min!, standing).Count;
    }

    /// <summary>Standings <paramref name="offset"/> to <c>offset + limit − 1</c> (0-based) in rank order.</summary>
    public IReadOnlyList<LeaderboardStanding> Page(int offset, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return _ranked.Skip(offset).Take(limit).ToList();
    }

    private sealed class RankOrder : IComparer<LeaderboardStanding>
    {
        public static readonly RankOrder Instance = new();

        public int Compare(LeaderboardStanding? x, LeaderboardStanding? y)
        {
            if (ReferenceEquals(x, y)) return 0;
            if (x is null) return 1;
            if (y is null) return -1;
            var byEarned = y.Earned.CompareTo(x.Earned);
            return byEarned != 0 ? byEarned : string.CompareOrdinal(x.Account, y.Account);
        }
    }
}

/// <summary>One account's line on the leaderboard: micro-units earned over <paramref name="Payments"/> fee postings.</summary>
public sealed record LeaderboardStanding(string Account, string Role, long Earned, long Payments);
