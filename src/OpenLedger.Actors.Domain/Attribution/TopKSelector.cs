namespace OpenLedger.Actors.Domain.Attribution;

/// <summary>
/// Keeps the k highest positive scores seen, with a deterministic order: higher score first, and on
/// equal scores the lower row index first.
/// </summary>
public sealed class TopKSelector
{
    private readonly PriorityQueue<RowInfluence, RowInfluence> _heap;
    private readonly int _capacity;

    public TopKSelector(int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        _capacity = k;
        // Min-heap on "goodness": the root is the worst kept entry.
        _heap = new PriorityQueue<RowInfluence, RowInfluence>(k + 1, Comparer<RowInfluence>.Create(static (a, b) => Compare(b, a)));
    }

    /// <summary>Negative when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static int Compare(RowInfluence a, RowInfluence b)
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.RowIndex.CompareTo(b.RowIndex);
    }

    public void Offer(int rowIndex, double score)
    {
        if (!(score > 0) || _capacity == 0) return; // only positive influence is ever paid
        var candidate = new RowInfluence(rowIndex, score);
        if (_heap.Count < _capacity)
        {
            _heap.Enqueue(candidate, candidate);
        }
        else if (Compare(candidate, _heap.Peek()) < 0)
        {
            _heap.DequeueEnqueue(candidate, candidate);
        }
    }

    public IReadOnlyList<RowInfluence> ToSortedList()
    {
        var items = _heap.UnorderedItems.Select(entry => entry.Element).ToList();
        items.Sort(Compare);
        return items;
    }
}
