using OpenLedger.Actors.Abstractions.Contributors;
using OpenLedger.Actors.Domain.Paging;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Contributors;

/// <inheritdoc cref="IContributorSubmissionPageGrain"/>
public sealed class ContributorSubmissionPageGrain(
    [PersistentState("contributor-submissions", StorageNames.GrainState)] IPersistentState<ContributorSubmissionPageState> state) : Grain, IContributorSubmissionPageGrain
{
    public async Task PutAsync(int slot, ContributedRows rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        SlotPage.Put(state.State.Submissions, slot, IContributorSubmissionPageGrain.Size, rows);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<ContributedRows>> GetAsync() => Task.FromResult<IReadOnlyList<ContributedRows>>(state.State.Submissions.ToList());
}
