using OpenLedger.Actors.Domain.Paging;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <inheritdoc cref="IDatanetSubmissionPageGrain"/>
public sealed class DatanetSubmissionPageGrain(
    [PersistentState("datanet-submissions", StorageNames.GrainState)] IPersistentState<DatanetSubmissionPageState> state) : Grain, IDatanetSubmissionPageGrain
{
    public async Task PutAsync(int slot, DatanetSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        SlotPage.Put(state.State.Submissions, slot, IDatanetSubmissionPageGrain.Size, submission);
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<DatanetSubmission>> GetAsync() => Task.FromResult<IReadOnlyList<DatanetSubmission>>(state.State.Submissions.ToList());
}
