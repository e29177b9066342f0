using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Contributors;

/// <inheritdoc cref="IContributorSubmissionPageGrain"/>
public sealed class ContributorSubmissionPageGrain(
    [PersistentState("contributor-submissions", StorageNames.GrainState)] IPersistentState<ContributorSubmissionPageState> state) : Grain, IContributorSubmissionPageGrain
{
    public async Task PutAsync(int slot, ContributedRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var list = state.State.Submissions;
        if (slot < 0 || slot >= IContributorSubmissionPageGrain.Size || slot > list.Count)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Slots are written in order: the next is {list.Count}.");
        if (slot == list.Count) list.Add(rows);
        else list[slot] = rows;
        if (slot < list.Count - 1) list.RemoveRange(slot + 1, list.Count - slot - 1);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<ContributedRows>> GetAsync() => Task.FromResult<IReadOnlyList<ContributedRows>>(state.State.Submissions.ToList());
}
