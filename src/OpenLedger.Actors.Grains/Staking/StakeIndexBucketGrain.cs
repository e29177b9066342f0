using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>
/// One stake-index bucket. Budget: one entry (account ≤ 128 characters, stake, version) per account of the bucket that
/// ever staked — about 1/256 of the staked accounts; 512 KiB holds 2,500 entries with 128-character names, i.e. a
/// design limit of 600,000 staked accounts (see README, "Size budgets").
/// </summary>
public sealed class StakeIndexBucketGrain(
    [PersistentState("stake-index", StorageNames.GrainState)] IPersistentState<StakeIndexBucketState> state) : Grain, IStakeIndexBucketGrain
{
    public async Task SetAsync(string account, long stake, long version)
    {
        Guard.Account(account);
        if (StakeIndex.BucketOf(account) != this.GetPrimaryKeyLong())
            throw new ArgumentException($"Account '{account}' belongs to stake-index bucket {StakeIndex.BucketOf(account)}, not {this.GetPrimaryKeyLong()}.", nameof(account));
        if (stake < 0) throw new ArgumentOutOfRangeException(nameof(stake), "A stake cannot be negative.");
        if (state.State.Stakes.TryGetValue(account, out var known) && known.Version >= version) return;
        state.State.Stakes[account] = new IndexedStake(stake, version);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<StakeEntry>> GetStakesAsync()
    {
        IReadOnlyList<StakeEntry> stakes = state.State.Stakes.Where(s => s.Value.Stake > 0)
            .Select(s => new StakeEntry(s.Key, s.Value.Stake)).OrderBy(s => s.Account, StringComparer.Ordinal).ToList();
        return Task.FromResult(stakes);
    }
}

[GenerateSerializer]
public sealed class StakeIndexBucketState
{
    [Id(0)] public Dictionary<string, IndexedStake> Stakes { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer]
public sealed record IndexedStake([property: Id(0)] long Stake, [property: Id(1)] long Version);
