namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>
/// An index an attribution grain loads once per activation (span index, retrieval index): the load starts on first use; a
/// failed or cancelled load is forgotten, so the next call tries again; callers wait for it a bounded while.
/// </summary>
internal sealed class LoadedOnce<T>(Func<Task<T>> load)
{
    private Task<T>? _loading;

    private Task<T> Start()
    {
        if (_loading is { IsFaulted: true } or { IsCanceled: true }) _loading = null;
        return _loading ??= load();
    }

    /// <summary>Starts the load if needed and waits up to <paramref name="wait"/>: true once loaded (a failed load throws).</summary>
    public async Task<bool> IsLoadedAfterAsync(TimeSpan wait)
    {
        var loading = Start();
        await Task.WhenAny(loading, Task.Delay(wait));
        if (!loading.IsCompleted) return false;
        await loading;
        return true;
    }

    /// <summary>The loaded value, waiting up to <paramref name="wait"/>; after that, <paramref name="notReady"/> is thrown.</summary>
    public async Task<T> GetAsync(TimeSpan wait, Func<Exception> notReady)
    {
        var loading = Start();
        if (!loading.IsCompleted) await Task.WhenAny(loading, Task.Delay(wait));
        if (!loading.IsCompleted) throw notReady();
        return await loading;
    }
}
