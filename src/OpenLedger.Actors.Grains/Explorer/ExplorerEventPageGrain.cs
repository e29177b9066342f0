using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <inheritdoc cref="IExplorerEventPageGrain"/>
public sealed class ExplorerEventPageGrain(
    [PersistentState("explorer-event-page", StorageNames.GrainState)] IPersistentState<ExplorerEventPageState> state) : Grain, IExplorerEventPageGrain
{
    public async Task PutAsync(IReadOnlyList<ExplorerEventRecord> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        state.State.Events = events.ToList();
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<ExplorerEventRecord>> GetAsync() => Task.FromResult<IReadOnlyList<ExplorerEventRecord>>(state.State.Events.ToList());

    public async Task ClearAsync()
    {
        if (!state.RecordExists) return; // a number whose commit failed before its page was written
        await state.ClearStateAsync();
        DeactivateOnIdle();
    }
}

[GenerateSerializer]
public sealed class ExplorerEventPageState
{
    [Id(0)] public List<ExplorerEventRecord> Events { get; set; } = [];
}
