using System.Collections.Concurrent;
using Orleans.Storage;

namespace OpenLedger.Actors.LedgerBenchmarks;

/// <summary>
/// Counts the writes that reach the wrapped storage (one per Azure Table entity insert or update), in all and per
/// grain (so a partitioned ledger's cost can be shown partition by partition).
/// </summary>
internal sealed class CountingGrainStorage(IGrainStorage inner) : IGrainStorage
{
    private readonly ConcurrentDictionary<GrainId, long> _byGrain = new();
    private long _writes;

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>The writes made so far for the grain keyed <paramref name="key"/> (journal records and head witness, for a ledger).</summary>
    public long WritesOf(string key) => _byGrain.Where(g => g.Key.Key.ToString() == key).Sum(g => g.Value);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await inner.WriteStateAsync(stateName, grainId, grainState);
        Interlocked.Increment(ref _writes);
        _byGrain.AddOrUpdate(grainId, 1, (_, n) => n + 1);
    }
}
