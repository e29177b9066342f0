using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Domain.Explorer;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>An account's earnings over time (<see cref="EarningsSeries"/>: at most 64 buckets), fed by the catalog's flushes.</summary>
public sealed class ExplorerAccountGrain(
    [PersistentState("explorer-account", StorageNames.GrainState)] IPersistentState<ExplorerAccountState> state) : Grain, IExplorerAccountGrain
{
    public async Task AddEarningsAsync(long batch, IReadOnlyList<EarningsDelta> earnings)
    {
        ArgumentNullException.ThrowIfNull(earnings);
        if (batch <= state.State.LastBatch) return;
        var series = EarningsSeries.Restore(state.State.OriginUnixSeconds, state.State.WidthSeconds, state.State.Amounts);
        foreach (var delta in earnings) series.Add(delta.At, delta.Amount);
        state.State = new ExplorerAccountState
        {
            OriginUnixSeconds = series.OriginUnixSeconds,
            WidthSeconds = series.WidthSeconds,
            Amounts = series.Amounts.ToList(),
            LastBatch = batch,
        };
        await state.WriteOrReloadAsync(this);
    }

    public Task<EarningsHistory> GetHistoryAsync() => Task.FromResult(new EarningsHistory(
        AccountOf(this.GetPrimaryKeyString()), DateTimeOffset.FromUnixTimeSeconds(state.State.OriginUnixSeconds), state.State.WidthSeconds, state.State.Amounts.ToArray()));

    private static string AccountOf(string key) => key[(key.IndexOf('|', StringComparison.Ordinal) + 1)..];
}

[GenerateSerializer]
public sealed class ExplorerAccountState
{
    [Id(0)] public long OriginUnixSeconds { get; set; }
    [Id(1)] public long WidthSeconds { get; set; } = 1;
    [Id(2)] public List<long> Amounts { get; set; } = [];
    [Id(3)] public long LastBatch { get; set; }
}
