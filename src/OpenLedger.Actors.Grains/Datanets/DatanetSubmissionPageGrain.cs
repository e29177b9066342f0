using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Datanets;

/// <inheritdoc cref="IDatanetSubmissionPageGrain"/>
public sealed class DatanetSubmissionPageGrain(
    [PersistentState("datanet-submissions", StorageNames.GrainState)] IPersistentState<DatanetSubmissionPageState> state) : Grain, IDatanetSubmissionPageGrain
{
    public async Task PutAsync(int slot, DatanetSubmission submission)
    {
        ArgumentNullException.ThrowIfNull(submission);
        var list = state.State.Submissions;
        if (slot < 0 || slot >= IDatanetSubmissionPageGrain.Size || slot > list.Count)
            throw new ArgumentOutOfRangeException(nameof(slot), slot, $"Slots are written in order: the next is {list.Count}.");
        if (slot == list.Count) list.Add(submission);
        else list[slot] = submission;
        if (slot < list.Count - 1) list.RemoveRange(slot + 1, list.Count - slot - 1); // later uncommitted slots go with it
        await state.WriteOrReloadAsync(this);
    }

    public Task<IReadOnlyList<DatanetSubmission>> GetAsync() => Task.FromResult<IReadOnlyList<DatanetSubmission>>(state.State.Submissions.ToList());
}
