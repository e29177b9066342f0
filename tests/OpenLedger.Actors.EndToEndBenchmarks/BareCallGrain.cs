namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>A trivial grain: the floor under any grain call on the same cluster (messaging, scheduling, the silo's call filters).</summary>
[Alias("openledger.bench.IBareCallGrain")]
public interface IBareCallGrain : IGrainWithStringKey
{
    [Alias("echo")] Task<int> EchoAsync(int value);
}

/// <summary>Answers at once: no state, no other grain, no storage.</summary>
public sealed class BareCallGrain : Grain, IBareCallGrain
{
    public Task<int> EchoAsync(int value) => Task.FromResult(value);
}
