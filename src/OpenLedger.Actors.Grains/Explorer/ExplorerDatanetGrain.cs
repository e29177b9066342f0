using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <inheritdoc cref="IExplorerDatanetGrain"/>
public sealed class ExplorerDatanetGrain(
    [PersistentState("explorer-datanet", StorageNames.GrainState)] IPersistentState<ExplorerDatanetState> state) : Grain, IExplorerDatanetGrain
{
    public async Task SetAsync(DatanetCatalogEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        state.State.Entry = entry;
        await state.WriteOrReloadAsync(this);
    }

    public Task<DatanetCatalogEntry?> GetAsync() => Task.FromResult(state.State.Entry);
}

[GenerateSerializer]
public sealed class ExplorerDatanetState
{
    [Id(0)] public DatanetCatalogEntry? Entry { get; set; }
}

/// <inheritdoc cref="IExplorerDirectoryPageGrain"/>
public sealed class ExplorerDirectoryPageGrain(
    [PersistentState("explorer-directory", StorageNames.GrainState)] IPersistentState<ExplorerDirectoryPageState> state) : Grain, IExplorerDirectoryPageGrain
{
    public async Task PutAsync(int slot, IReadOnlyList<string> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var list = state.State.Ids;
        if (slot < 0 || slot > list.Count || slot + ids.Count > IExplorerDirectoryPageGrain.Size)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Slots are written in order (the next is {list.Count}) and a page holds {IExplorerDirectoryPageGrain.Size}.");
        list.RemoveRange(slot, list.Count - slot);
        list.AddRange(ids);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<string>> GetAsync() => Task.FromResult<IReadOnlyList<string>>(state.State.Ids.ToList());
}

[GenerateSerializer]
public sealed class ExplorerDirectoryPageState
{
    [Id(0)] public List<string> Ids { get; set; } = [];
}

/// <inheritdoc cref="IExplorerStandingsBucketGrain"/>
public sealed class ExplorerStandingsBucketGrain(
    [PersistentState("explorer-standings", StorageNames.GrainState)] IPersistentState<ExplorerStandingsBucketState> state) : Grain, IExplorerStandingsBucketGrain
{
    public async Task UpsertAsync(IReadOnlyList<StoredStanding> standings, long throughSequence)
    {
        ArgumentNullException.ThrowIfNull(standings);
        if (throughSequence <= state.State.ThroughSequence) return; // holds these inferences already: a resend
        var byAccount = state.State.Standings.ToDictionary(s => s.Account, StringComparer.Ordinal);
        foreach (var standing in standings) byAccount[standing.Account] = standing;
        state.State.Standings = byAccount.Values.OrderBy(s => s.Account, StringComparer.Ordinal).ToList();
        state.State.ThroughSequence = throughSequence;
        await state.WriteOrReloadAsync(this);
    }

    public Task<StoredStandingsBucket> GetAsync() => Task.FromResult(new StoredStandingsBucket(state.State.Standings.ToList(), state.State.ThroughSequence));
}

[GenerateSerializer]
public sealed class ExplorerStandingsBucketState
{
    [Id(0)] public List<StoredStanding> Standings { get; set; } = [];
    /// <summary>The sequence number of the newest inference the standings include.</summary>
    [Id(1)] public long ThroughSequence { get; set; }
}
