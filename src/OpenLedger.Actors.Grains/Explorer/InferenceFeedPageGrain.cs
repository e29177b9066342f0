using OpenLedger.Actors.Abstractions.Explorer;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>One page of the explorer's feed: up to <see cref="IInferenceFeedPageGrain.Size"/> summaries in sequence order
/// (about 150 bytes each, so the entity stays far below 1 MiB).</summary>
public sealed class InferenceFeedPageGrain(
    [PersistentState("feed-page", StorageNames.GrainState)] IPersistentState<InferenceFeedPageState> state) : Grain, IInferenceFeedPageGrain
{
    public async Task AppendAsync(IReadOnlyList<InferenceSummary> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var page = this.GetPrimaryKeyLong(out _);
        var last = state.State.Items.Count == 0 ? page * IInferenceFeedPageGrain.Size : state.State.Items[^1].Sequence;
        var fresh = items.Where(i => i.Sequence > last).OrderBy(i => i.Sequence).ToList();
        if (fresh.Any(i => (i.Sequence - 1) / IInferenceFeedPageGrain.Size != page))
            throw new ArgumentException($"Feed page {page} holds sequence numbers {page * IInferenceFeedPageGrain.Size + 1} to {(page + 1) * IInferenceFeedPageGrain.Size}.", nameof(items));
        if (fresh.Count == 0) return;
        state.State.Items.AddRange(fresh);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<InferenceSummary>> GetRangeAsync(long fromSequence, long toSequence)
    {
        IReadOnlyList<InferenceSummary> range = state.State.Items.Where(i => i.Sequence >= fromSequence && i.Sequence <= toSequence).ToList();
        return Task.FromResult(range);
    }
}

[GenerateSerializer]
public sealed class InferenceFeedPageState
{
    [Id(0)] public List<InferenceSummary> Items { get; set; } = [];
}
