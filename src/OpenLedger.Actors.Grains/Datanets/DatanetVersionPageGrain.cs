using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <inheritdoc cref="IDatanetVersionPageGrain"/>
public sealed class DatanetVersionPageGrain(
    [PersistentState("datanet-versions", StorageNames.GrainState)] IPersistentState<DatanetVersionPageState> state) : Grain, IDatanetVersionPageGrain
{
    public async Task PutAsync(IReadOnlyList<DatanetVersionInfo> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        if (versions.Count != IDatanetVersionPageGrain.Size)
            throw new ArgumentException($"A version page holds exactly {IDatanetVersionPageGrain.Size} versions.", nameof(versions));
        if (state.State.Versions.SequenceEqual(versions)) return; // written before a crash: nothing to do
        state.State.Versions = versions.ToList();
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<DatanetVersionInfo>> GetAsync() => Task.FromResult<IReadOnlyList<DatanetVersionInfo>>(state.State.Versions.ToList());
}
