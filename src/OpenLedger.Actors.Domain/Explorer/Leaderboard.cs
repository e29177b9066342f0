namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// Accounts ranked by what they have earned (most first, ties by account id in ordinal order), kept sorted as
/// credits arrive: a credit is O(log n), a page O(offset + page size), an account's rank O(n) at worst. Each account
/// also ranks among the accounts of its role (the posting code of its first payment: contributors, model owners,
/// curators, the protocol), with that role's total, so a role's shares add up to 100 % on their own.
/// </summary>
public sealed class Leaderboard
{
    private readonly Dictionary<string, LeaderboardStanding> _byAccount = new(StringComparer.Ordinal);
    private readonly SortedSet<LeaderboardStanding> _ranked = new(RankOrder.Instance);
    private readonly Dictionary<string, (SortedSet<LeaderboardStanding> Ranked, long Earned)> _byRole = new(StringComparer.Ordinal);

    public int Count => _byAccount.Count;

    /// <summary>Everything credited to every account, in micro-units.</summary>
    public long TotalEarned { get; private set; }

    /// <summary>How many accounts have <paramref name="role"/> (their first payment's posting code).</summary>
    public int CountOf(string role) => _byRole.TryGetValue(role, out var r) ? r.Ranked.Count : 0;

    /// <summary>Everything credited to the accounts of <paramref name="role"/>, in micro-units.</summary>
    public long TotalEarnedOf(string role) => _byRole.TryGetValue(role, out var r) ? r.Earned : 0;

    public IEnumerable<LeaderboardStanding> All => _ranked;

    /// <summary>Adds <paramref name="amount"/> (≥ 0) earned by <paramref name="account"/> in one payment. The role
    /// recorded is the one of the account's first payment.</summary>
    public void Credit(string account, string role, long amount)
    {
        ArgumentException.ThrowIfNullOrEmpty(account);
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        if (_byAccount.TryGetValue(account, out var current))
        {
            Remove(current);
            current = current with { Earned = checked(current.Earned + amount), Payments = current.Payments + 1 };
        }
        else
        {
            current = new LeaderboardStanding(account, role, amount, 1);
        }
        Add(current, amount);
    }

    /// <summary>Ranks <paramref name="standing"/> overall and in its role, and adds <paramref name="earned"/> to both totals.</summary>
    private void Add(LeaderboardStanding standing, long earned)
    {
        _byAccount[standing.Account] = standing;
        _ranked.Add(standing);
        var ofRole = _byRole.TryGetValue(standing.Role, out var known) ? known : (new SortedSet<LeaderboardStanding>(RankOrder.Instance), 0);
        ofRole.Ranked.Add(standing);
        _byRole[standing.Role] = (ofRole.Ranked, checked(ofRole.Earned + earned));
        TotalEarned = checked(TotalEarned + earned);
    }

    private void Remove(LeaderboardStanding standing)
    {
        _ranked.Remove(standing);
        _byRole[standing.Role].Ranked.Remove(standing);
    }

    public void Restore(LeaderboardStanding standing)
    {
        if (_byAccount.ContainsKey(standing.Account)) throw new ArgumentException($"Account '{standing.Account}' is already on the leaderboard.", nameof(standing));
        Add(standing, standing.Earned);
    }

    public LeaderboardStanding? Find(string account) => _byAccount.GetValueOrDefault(account);

    /// <summary>1-based rank of the account, or 0 when it has earned nothing yet.</summary>
    public int RankOf(string account)
    {
        if (!_byAccount.TryGetValue(account, out var standing)) return 0;
        return _ranked.GetViewBetween(_ranked.Min!, standing).Count;
    }

    /// <summary>Standings <paramref name="offset"/> to <c>offset + limit − 1</c> (0-based) in rank order: of every account,
    /// or of the accounts of <paramref name="role"/> only.</summary>
    public IReadOnlyList<LeaderboardStanding> Page(int offset, int limit, string? role = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        IEnumerable<LeaderboardStanding> ranked = role is null ? _ranked : _byRole.TryGetValue(role, out var ofRole) ? ofRole.Ranked : [];
        return ranked.Skip(offset).Take(limit).ToList();
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
