using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Http.Quotas;

/// <summary>Size budget: one entry per creation kind (four), each a window number and a count: well under 1 KiB.</summary>
[GenerateSerializer, Alias("openledger.api-key-usage-state")]
public sealed class ApiKeyUsageState
{
    [Id(0)] public Dictionary<string, WindowCount> Kinds { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("openledger.window-count")]
public sealed record WindowCount([property: Id(0)] long Window, [property: Id(1)] int Count);

public sealed class ApiKeyUsageGrain(
    [PersistentState("api-key-usage", StorageNames.GrainState)] IPersistentState<ApiKeyUsageState> state) : Grain, IApiKeyUsageGrain
{
    public Task<bool> HasRoomAsync(string kind, long window, int limit) => Task.FromResult(Current(kind, window) < limit);

    public Task RecordAsync(string kind, long window) => SetAsync(kind, new WindowCount(window, Current(kind, window) + 1));

    private int Current(string kind, long window) => state.State.Kinds.TryGetValue(kind, out var count) && count.Window == window ? count.Count : 0;

    private async Task SetAsync(string kind, WindowCount count)
    {
        var previous = state.State.Kinds.GetValueOrDefault(kind);
        state.State.Kinds[kind] = count;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            if (previous is null) state.State.Kinds.Remove(kind);
            else state.State.Kinds[kind] = previous;
            throw;
        }
    }
}
