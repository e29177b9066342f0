namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>
/// The last <see cref="Capacity"/> items in arrival order (a ring buffer), with a lookup by key so a repeated
/// key inside the window can be recognised. Older items fall out; memory is bounded by the capacity.
/// </summary>
public sealed class RecentWindow<T>(int capacity, Func<T, string> keyOf)
{
    private readonly T[] _items = capacity > 0 ? new T[capacity] : throw new ArgumentOutOfRangeException(nameof(capacity));
    private readonly HashSet<string> _keys = new(StringComparer.Ordinal);
    private int _next;

    public int Capacity => _items.Length;

    public int Count { get; private set; }

    public bool Contains(string key) => _keys.Contains(key);

    /// <summary>Adds the item unless its key is already in the window; true when added.</summary>
    public bool Add(T item)
    {
        var key = keyOf(item);
        if (!_keys.Add(key)) return false;
        if (Count == _items.Length) _keys.Remove(keyOf(_items[_next]));
        else Count++;
        _items[_next] = item;
        _next = (_next + 1) % _items.Length;
        return true;
    }

    /// <summary>The oldest item still in the window (default when empty).</summary>
    public T? Oldest => Count == 0 ? default : _items[Count < _items.Length ? 0 : _next];

    /// <summary>The items, newest first (lazily: stop early to read only the newest few).</summary>
    public IEnumerable<T> NewestFirst()
    {
        for (var i = 0; i < Count; i++)
            yield return _items[((_next - 1 - i) % _items.Length + _items.Length) % _items.Length];
    }
}
