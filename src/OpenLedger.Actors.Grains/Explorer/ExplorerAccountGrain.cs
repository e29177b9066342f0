using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Domain.Explorer;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>An account's earnings over time (<see cref="EarningsSeries"/>: at most 64 buckets), fed by the catalog's flushes, each inference applied once (by its sequence number).</summary>
public sealed class ExplorerAccountGrain(
    [PersistentState("explorer-account", StorageNames.GrainState)] IPersistentState<ExplorerAccountState> state) : Grain, IExplorerAccountGrain
{
    public async Task AddEarningsAsync(IReadOnlyList<EarningsDelta> earnings)
    {
        ArgumentNullException.ThrowIfNull(earnings);
        var fresh = earnings.Where(e => e.Sequence > state.State.ThroughSequence).OrderBy(e => e.Sequence).ToList();
        if (fresh.Count == 0) return; // applied already
        var series = EarningsSeries.Restore(state.State.OriginUnixSeconds, state.State.WidthSeconds, state.State.Amounts);
        foreach (var delta in fresh) series.Add(delta.At, delta.Amount);
        state.State = new ExplorerAccountState
        {
            OriginUnixSeconds = series.OriginUnixSeconds,
            WidthSeconds = series.WidthSeconds,
            Amounts = series.Amounts.ToList(),
            LastBatch = state.State.LastBatch,
            ThroughSequence = fresh[^1].Sequence,
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
    /// <summary>Before sequence numbers: the number of the last flush batch applied (kept, no longer used).</summary>
    [Id(3)] public long LastBatch { get; set; }
    /// <summary>The catalog's sequence number of the newest inference applied.</summary>
    [Id(4)] public long ThroughSequence { get; set; }
}
