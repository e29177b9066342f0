using OpenLedger.Actors.Abstractions.Transparency;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Transparency;

/// <inheritdoc cref="ITransparencyTileGrain"/>
public sealed class TransparencyTileGrain(
    [PersistentState("transparency-tile", StorageNames.GrainState)] IPersistentState<TransparencyTileState> state) : Grain, ITransparencyTileGrain
{
    public async Task WriteAsync(byte[] hashes, IReadOnlyList<TransparencyEntry> entries)
    {
        if (state.State.Hashes.Length > 0)
        {
            if (state.State.Hashes.AsSpan().SequenceEqual(hashes) && state.State.Entries.SequenceEqual(entries)) return;
            throw new InvalidOperationException($"Transparency tile {this.GetPrimaryKeyString()} is already written with other content; a log never changes.");
        }
        state.State.Hashes = hashes;
        state.State.Entries = [.. entries];
        await state.WriteOrReloadAsync(this);
    }

    public Task<TransparencyTileState> ReadAsync() => Task.FromResult(state.State);
}
