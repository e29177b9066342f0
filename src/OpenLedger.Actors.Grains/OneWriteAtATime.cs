namespace OpenLedger.Actors.Grains;

/// <summary>
/// Serialises a reentrant grain's periodic writes: a caller arriving during a write waits for it to end and then
/// runs its own, so what changed meanwhile is written too. Use only on the grain's own scheduler.
/// </summary>
internal sealed class OneWriteAtATime
{
    private Task? _running;

    public async Task RunAsync(Func<Task> write)
    {
        while (_running is { } running) await running;
        _running = write();
        try
        {
            await _running;
        }
        finally
        {
            _running = null;
        }
    }
}
