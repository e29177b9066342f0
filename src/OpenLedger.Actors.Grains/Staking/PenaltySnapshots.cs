using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Grains.Governance;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// The penalty counts this silo knows, for the reward rates an inference applies (<see cref="RewardRates"/>): answered
/// from memory, so an inference makes no call to a staking grain per contributor it pays. A penalty is pushed to every
/// silo (<see cref="PenaltySnapshotService"/>) before <see cref="IStakingCurationGrain.PenaliseAsync"/> returns; an
/// account not heard of, or heard of longer ago than <see cref="GovernanceOptions.SnapshotRefresh"/>, is read from its
/// staking grain again (so a silo that missed a push — it joined later, or the push failed — catches up within that
/// interval). Penalties only ever grow, so a count never goes back: a late, older answer is ignored. At most
/// <see cref="MaxAccounts"/> accounts are held (≈ 100 B each); past that, entries due for a re-check go first.
/// </summary>
public sealed class PenaltySnapshots(IGrainFactory grains, IOptions<GovernanceOptions> options, TimeProvider clock)
{
    public const int MaxAccounts = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Known> _known = new(StringComparer.Ordinal);

    /// <summary>The penalty count of each account (one entry per distinct account).</summary>
    public async ValueTask<IReadOnlyDictionary<string, int>> PenaltiesAsync(IEnumerable<string> accounts)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        List<string>? due = null;
        lock (_gate)
        {
            foreach (var account in accounts)
            {
                if (counts.ContainsKey(account)) continue;
                if (_known.TryGetValue(account, out var known) && Fresh(known)) counts[account] = known.Penalties;
                else if (!(due ??= []).Contains(account, StringComparer.Ordinal)) due.Add(account);
            }
        }
        if (due is null) return counts;
        var standings = await Task.WhenAll(due.Select(a => grains.GetGrain<IStakingGrain>(a).GetStandingAsync()));
        for (var i = 0; i < due.Count; i++) counts[due[i]] = Offer(due[i], standings[i].Penalties);
        return counts;
    }

    /// <summary>A count pushed on a penalty (or read): kept if not below the one held. Returns the count now held.</summary>
    public int Offer(string account, int penalties)
    {
        lock (_gate)
        {
            if (_known.TryGetValue(account, out var known)) penalties = Math.Max(penalties, known.Penalties);
            else if (_known.Count >= MaxAccounts) MakeRoom();
            _known[account] = new Known(penalties, clock.GetTimestamp());
            return penalties;
        }
    }

    /// <summary>How many accounts are held (for tests and diagnostics).</summary>
    public int Count
    {
        get { lock (_gate) return _known.Count; }
    }

    private bool Fresh(Known known) => clock.GetElapsedTime(known.CheckedAt) < options.Value.SnapshotRefresh;

    private void MakeRoom()
    {
        foreach (var (account, known) in _known.ToArray())
            if (!Fresh(known)) _known.Remove(account);
        if (_known.Count >= MaxAccounts) _known.Clear(); // all fresh: start over (each is read again once)
    }

    private readonly record struct Known(int Penalties, long CheckedAt);
}
