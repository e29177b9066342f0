using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <inheritdoc cref="IExplorerModelGrain"/>
public sealed class ExplorerModelGrain(
    [PersistentState("explorer-model", StorageNames.GrainState)] IPersistentState<ExplorerModelState> state) : Grain, IExplorerModelGrain
{
    public async Task SetInfoAsync(ModelInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        state.State.Entry = state.State.Entry with { Info = info };
        await state.WriteOrReloadAsync(this);
    }

    public async Task AddCountsAsync(long batch, long inferences, long fees)
    {
        var entry = state.State.Entry;
        if (batch <= entry.LastBatch) return; // applied already: a resend after a lost reply or a crash
        state.State.Entry = new StoredModelEntry(entry.Info, entry.InferenceCount + inferences, entry.FeesCharged + fees, batch);
        await state.WriteOrReloadAsync(this);
    }

    public Task<StoredModelEntry> GetAsync() => Task.FromResult(state.State.Entry);
}

[GenerateSerializer]
public sealed class ExplorerModelState
{
    /// <summary>A new instance per state: storage may read a stored state into the instance it holds, so none may be shared.</summary>
    [Id(0)] public StoredModelEntry Entry { get; set; } = new(null, 0, 0, 0);
}
