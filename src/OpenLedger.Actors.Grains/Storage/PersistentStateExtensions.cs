namespace OpenLedger.Actors.Grains.Storage;

/// <summary>
/// "Write, or reload on an ambiguous failure." A <c>WriteStateAsync</c> that throws has an unknown outcome: the
/// storage may have applied it (a timeout after the write landed) or not. Restoring the old in-memory state would be
/// wrong in the first case, keeping the new one wrong in the second; only storage knows. So after a failed write the
/// state is read back (memory then matches storage, whichever way the write went), and if even that fails the
/// activation is dropped so the next call starts from storage. The write's exception is rethrown either way: the
/// caller's retry finds the change or not and, being idempotent, completes it.
/// </summary>
public static class PersistentStateExtensions
{
    /// <param name="grain">The grain owning the state (deactivated when the state cannot be read back).</param>
    /// <param name="reloaded">Rebuilds what the grain derives from its state in memory (indexes, caches) after a read-back.</param>
    public static async Task WriteOrReloadAsync<T>(this IPersistentState<T> state, IGrainBase grain, Action? reloaded = null)
    {
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception writeFailure)
        {
            try
            {
                await state.ReadStateAsync();
                reloaded?.Invoke();
            }
            catch (Exception readFailure)
            {
                grain.GrainContext.Deactivate(new DeactivationReason(DeactivationReasonCode.ApplicationError, readFailure,
                    $"State '{typeof(T).Name}' could not be read back after a failed write ({writeFailure.GetType().Name}); starting again from storage."));
            }
            throw;
        }
    }

    /// <summary>Applies <paramref name="change"/> to the in-memory state, then writes it or reloads (see the type's summary).</summary>
    public static Task ChangeAndWriteAsync<T>(this IPersistentState<T> state, IGrainBase grain, Action<T> change, Action? reloaded = null)
    {
        change(state.State);
        return state.WriteOrReloadAsync(grain, reloaded);
    }
}
