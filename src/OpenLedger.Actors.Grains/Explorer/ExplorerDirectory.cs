namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>
/// The catalog's ids of one kind (Datanets, models) in the order first seen, stored in
/// <see cref="IExplorerDirectoryPageGrain"/> pages of <see cref="IExplorerDirectoryPageGrain.Size"/>; the catalog's state
/// keeps how many are committed (<see cref="Saved"/>). In memory: the ids, sorted for the paged lists.
/// </summary>
internal sealed class ExplorerDirectory(Func<int, IExplorerDirectoryPageGrain> page)
{
    private readonly List<string> _inOrder = [];

    public SortedSet<string> Ids { get; } = new(StringComparer.Ordinal);

    /// <summary>How many ids (from the first) are written in the pages.</summary>
    public int Saved { get; private set; }

    public async Task LoadAsync(int committed)
    {
        var pages = await Task.WhenAll(Enumerable.Range(0, (committed + IExplorerDirectoryPageGrain.Size - 1) / IExplorerDirectoryPageGrain.Size)
            .Select(p => page(p).GetAsync()));
        _inOrder.AddRange(pages.SelectMany(ids => ids).Take(committed));
        Ids.UnionWith(_inOrder);
        Saved = _inOrder.Count;
    }

    /// <summary>True when the id is new.</summary>
    public bool Add(string id)
    {
        if (!Ids.Add(id)) return false;
        _inOrder.Add(id);
        return true;
    }

    /// <summary>The ids not yet written, and the slot of the first (taken synchronously, before a flush's first await).</summary>
    public (int From, List<string> Ids) Unsaved() => (Saved, _inOrder.Skip(Saved).ToList());

    /// <summary>Writes <paramref name="ids"/> from slot <paramref name="from"/> on, page by page; then they count as saved.</summary>
    public async Task WriteAsync(int from, List<string> ids)
    {
        for (var i = 0; i < ids.Count;)
        {
            var slot = from + i;
            var take = Math.Min(ids.Count - i, IExplorerDirectoryPageGrain.Size - slot % IExplorerDirectoryPageGrain.Size);
            await page(slot / IExplorerDirectoryPageGrain.Size).PutAsync(slot % IExplorerDirectoryPageGrain.Size, ids.GetRange(i, take));
            i += take;
        }
        Saved = Math.Max(Saved, from + ids.Count);
    }
}
