using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Text;

/// <summary>The key of a text Datanet version's embedded matrix (<see cref="IVersionEmbeddingGrain"/>); one string of state.</summary>
public sealed class VersionEmbeddingGrain(
    [PersistentState("version-embedding", StorageNames.GrainState)] IPersistentState<VersionEmbeddingState> state) : Grain, IVersionEmbeddingGrain
{
    public Task<string?> GetAsync() => Task.FromResult(state.State.MatrixKey);

    public async Task SetAsync(string matrixKey)
    {
        ArgumentException.ThrowIfNullOrEmpty(matrixKey);
        if (state.State.MatrixKey == matrixKey) return;
        state.State.MatrixKey = matrixKey;
        await state.WriteOrReloadAsync(this);
    }
}
