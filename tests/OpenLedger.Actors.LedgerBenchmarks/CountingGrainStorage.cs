using Orleans.Storage;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>Counts the writes that reach the wrapped storage (one per Azure Table entity insert or update).</summary>
internal sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private long _writes;

    public long Writes => Interlocked.Read(ref _writes);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        Interlocked.Increment(ref _writes);
    }
}
