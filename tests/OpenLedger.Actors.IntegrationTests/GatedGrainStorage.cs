using Orleans.Storage;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Wraps a grain storage; while <see cref="BeforeWrite"/> is set, every write first awaits it with the state name,
/// so a test can hold a particular journal write open, let it through, or make it fail (throw) before it reaches
/// storage; <see cref="AfterWrite"/> runs once the write is stored, and throwing there is a lost reply.
/// </summary>
internal sealed class GatedGrainStorage : IGrainStorage
{
    /// <summary>The storage it wraps, set when the silo resolves it.</summary>
    public IGrainStorage Inner { get; set; } = null!;

    public Func<string, Task>? BeforeWrite { get; set; }
    public Func<string, Task>? AfterWrite { get; set; }

    /// <summary>The names of the states read, in order (a test clears it before the reads it counts).</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Reads { get; } = new();

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Reads.Enqueue(stateName);
        return Inner.ReadStateAsync(stateName, grainId, grainState);
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => Inner.ClearStateAsync(stateName, grainId, grainState);

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (BeforeWrite is { } gate) await gate(stateName);
        await Inner.WriteStateAsync(stateName, grainId, grainState);
        if (AfterWrite is { } after) await after(stateName);
    }
}

/// <summary>Holds writes of one state name until released: then lets them through, or fails them (before storage) while <see cref="Failing"/>.</summary>
internal sealed class WriteGate(string stateName)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _attempts;

    /// <summary>Completes when the first write of the state name is waiting at the gate.</summary>
    public Task Reached => _reached.Task;

    public bool Failing { get; set; }
    public int Attempts => Volatile.Read(ref _attempts);

    public void Release() => _released.TrySetResult();

    public async Task PassAsync(string name)
    {
        if (name != stateName) return;
        Interlocked.Increment(ref _attempts);
        _reached.TrySetResult();
        await _released.Task;
        if (Failing) throw new TimeoutException($"Injected: {name} did not reach storage.");
    }
}
