using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Domain.Paging;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <inheritdoc cref="IDatanetRejectionPageGrain"/>
public sealed class DatanetRejectionPageGrain(
    [PersistentState("datanet-rejections", StorageNames.GrainState)] IPersistentState<DatanetRejectionPageState> state) : Grain, IDatanetRejectionPageGrain
{
    public async Task PutAsync(int firstSlot, IReadOnlyList<RejectedRows> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        for (var i = 0; i < entries.Count; i++) SlotPage.Put(state.State.Entries, firstSlot + i, IDatanetRejectionPageGrain.Size, entries[i]);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<RejectedRows>> GetAsync() => Task.FromResult<IReadOnlyList<RejectedRows>>(state.State.Entries.ToList());
}
