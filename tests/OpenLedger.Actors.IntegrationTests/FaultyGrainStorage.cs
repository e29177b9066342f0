using Orleans.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Wraps a grain storage and makes a seeded fraction of the writes whose state name starts with
/// one of the <see cref="FaultPlan"/>'s prefixes fail: half before the write reaches storage (nothing stored), half
/// after (stored, but the caller sees an error) — the two cases a real network timeout can hide.
/// </summary>
internal sealed class FaultyGrainStorage(IGrainStorage inner, FaultPlan plan) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ReadStateAsync(stateName, grainId, grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var fault = plan.Next(stateName);
        if (fault == FaultKind.BeforeWrite) throw new TimeoutException($"Injected fault before writing {stateName}.");
        await inner.WriteStateAsync(stateName, grainId, grainState);
        if (fault == FaultKind.AfterWrite) throw new TimeoutException($"Injected fault after writing {stateName}.");
    }
}

internal enum FaultKind { None, BeforeWrite, AfterWrite }

internal sealed class FaultPlan(int seed, double probability, params string[] statePrefixes)
{
    private readonly Random _random = new(seed);
    private readonly object _gate = new();

    public bool Enabled { get; set; } = true;
    public int BeforeWriteFaults { get; private set; }
    public int AfterWriteFaults { get; private set; }

    public FaultKind Next(string stateName)
    {
        if (!statePrefixes.Any(prefix => stateName.StartsWith(prefix, StringComparison.Ordinal))) return FaultKind.None;
        lock (_gate)
        {
            if (!Enabled || _random.NextDouble() >= probability) return FaultKind.None;
            if (_random.Next(2) == 0)
            {
                BeforeWriteFaults++;
                return FaultKind.BeforeWrite;
            }
            AfterWriteFaults++;
            return FaultKind.AfterWrite;
        }
    }
}
