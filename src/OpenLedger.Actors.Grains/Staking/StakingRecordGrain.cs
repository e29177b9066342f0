using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Staking;

/// <summary>One applied staking write, stored for ever (budget: one operation, under 1 KiB).</summary>
public sealed class StakingRecordGrain(
    [PersistentState("staking-record", StorageNames.GrainState)] IPersistentState<StakingRecordState> state) : Grain, IStakingRecordGrain
{
    public Task<StakingOperation?> GetAsync() => Task.FromResult(state.State.Operation);

    public async Task RecordAsync(StakingOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (state.State.Operation is { } recorded)
        {
            if (recorded == operation) return;
            throw new InvalidOperationException($"Staking record '{this.GetPrimaryKeyString()}' already holds a different operation.");
        }
        state.State.Operation = operation;
        await state.WriteOrReloadAsync(this);
    }
}
