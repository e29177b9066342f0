namespace OpenLedger.Actors.Domain.Explorer;

/// <summary>A numbered page of the explorer's event log: the events one commit write made durable (or part of them).</summary>
public sealed record ExplorerEventPage<T>(long Number, IReadOnlyList<T> Events);

/// <summary>
/// The explorer catalog's append-only event log, the source of everything it writes to other entities (feed lines,
/// leaderboard standings, earnings history). Events are applied in memory as they arrive and appended here; a commit
/// write takes them (<see cref="Take"/>) as pages numbered after every number taken before, writes the pages, then the
/// catalog's state naming the newest page (the commit point, in the same write as the events' recorded ids). A failed
/// commit gives its events back (<see cref="Return"/>) and its numbers are never reused while the activation lives, so
/// a page the state already names is never rewritten. Once every receiver holds the events of a prefix of the committed
/// pages (<see cref="MarkDelivered"/>), the state records the flushed page and those pages may be deleted.
/// Bounded: past <see cref="MaxOwedPages"/> committed pages not flushed or <see cref="MaxPendingEvents"/> uncommitted
/// events, the log is <see cref="IsFull"/> and the catalog refuses new events until its receivers catch up.
/// </summary>
public sealed class ExplorerEventLog<T>
{
    public const int MaxEventsPerPage = 64;
    public const int MaxBytesPerPage = 64 * 1024;
    public const int MaxOwedPages = 4_096;
    public const int MaxPendingEvents = 16_384;

    private readonly Func<T, long> _sequenceOf;
    private readonly Func<T, int> _sizeOf;
    private List<T> _pending = [];
    private readonly Queue<(long Number, long LastSequence)> _undelivered = new();
    private long _lastTaken;

    /// <param name="sequenceOf">An event's sequence number (strictly increasing in the order events are appended).</param>
    /// <param name="sizeOf">An upper bound of an event's stored size in bytes.</param>
    /// <param name="flushedThroughPage">The stored state's flushed page: every page up to it is delivered.</param>
    /// <param name="lastPage">The stored state's newest committed page.</param>
    /// <param name="committedThroughSequence">The sequence number of the newest committed event.</param>
    public ExplorerEventLog(Func<T, long> sequenceOf, Func<T, int> sizeOf, long flushedThroughPage = 0, long lastPage = 0, long committedThroughSequence = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(flushedThroughPage);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastPage, flushedThroughPage);
        _sequenceOf = sequenceOf;
        _sizeOf = sizeOf;
        DurableFlushedThroughPage = DeliveredThroughPage = flushedThroughPage;
        LastPage = _lastTaken = lastPage;
        CommittedThroughSequence = committedThroughSequence;
    }

    /// <summary>The newest page a durable state names.</summary>
    public long LastPage { get; private set; }

    /// <summary>The newest page whose events (and every earlier page's) all receivers hold.</summary>
    public long DeliveredThroughPage { get; private set; }

    /// <summary>The flushed page a durable state records: pages up to it are no longer read on activation.</summary>
    public long DurableFlushedThroughPage { get; private set; }

    /// <summary>The sequence number of the newest committed event.</summary>
    public long CommittedThroughSequence { get; private set; }

    /// <summary>Events appended and not yet taken by a commit.</summary>
    public int PendingCount => _pending.Count;

    public bool IsFull => LastPage - DurableFlushedThroughPage >= MaxOwedPages || _pending.Count >= MaxPendingEvents;

    /// <summary>The pages of committed events not yet delivered to every receiver (read back on activation).</summary>
    public (long From, long To) OwedPages => (DurableFlushedThroughPage + 1, LastPage);

    public void Append(T item)
    {
        var sequence = _sequenceOf(item);
        var last = _pending.Count > 0 ? _sequenceOf(_pending[^1]) : CommittedThroughSequence;
        if (sequence <= last) throw new ArgumentException($"Event {sequence} does not follow event {last}.", nameof(item));
        _pending.Add(item);
    }

    /// <summary>The pending events as pages (≤ <see cref="MaxEventsPerPage"/> events and ≈ <see cref="MaxBytesPerPage"/>
    /// bytes each), numbered after every number taken so far; the log forgets them until <see cref="Commit"/> or <see cref="Return"/>.</summary>
    public IReadOnlyList<ExplorerEventPage<T>> Take()
    {
        var pages = new List<ExplorerEventPage<T>>();
        var page = new List<T>();
        var bytes = 0;
        foreach (var item in _pending)
        {
            var size = _sizeOf(item);
            if (page.Count > 0 && (page.Count == MaxEventsPerPage || bytes + size > MaxBytesPerPage))
            {
                pages.Add(new ExplorerEventPage<T>(++_lastTaken, page));
                page = [];
                bytes = 0;
            }
            page.Add(item);
            bytes += size;
        }
        if (page.Count > 0) pages.Add(new ExplorerEventPage<T>(++_lastTaken, page));
        _pending = [];
        return pages;
    }

    /// <summary>A state naming the last of <paramref name="pages"/> is durable: their events are committed.</summary>
    public void Commit(IReadOnlyList<ExplorerEventPage<T>> pages)
    {
        if (pages.Count == 0) return;
        LastPage = Math.Max(LastPage, pages[^1].Number);
        foreach (var page in pages)
        {
            _undelivered.Enqueue((page.Number, _sequenceOf(page.Events[^1])));
            CommittedThroughSequence = Math.Max(CommittedThroughSequence, _sequenceOf(page.Events[^1]));
        }
    }

    /// <summary>The commit of <paramref name="pages"/> failed: their events are pending again, before any appended since.</summary>
    public void Return(IReadOnlyList<ExplorerEventPage<T>> pages) => _pending.InsertRange(0, pages.SelectMany(p => p.Events));

    /// <summary>
    /// On activation: the stored pages of <see cref="OwedPages"/>, in number order (missing or empty ones included as
    /// empty). Returns their events once each, in sequence order: a page written by a commit whose state write failed
    /// holds events that a later page holds again (and a page past a failed write may be absent).
    /// </summary>
    public IReadOnlyList<T> Replay(IEnumerable<ExplorerEventPage<T>> stored)
    {
        var events = new List<T>();
        var last = 0L;
        foreach (var page in stored.OrderBy(p => p.Number))
        {
            if (page.Number <= DurableFlushedThroughPage || page.Number > LastPage) continue;
            var fresh = page.Events.Where(e => _sequenceOf(e) > last).OrderBy(_sequenceOf).ToList();
            if (fresh.Count == 0) continue;
            events.AddRange(fresh);
            last = _sequenceOf(fresh[^1]);
            _undelivered.Enqueue((page.Number, last));
        }
        return events;
    }

    /// <summary>Every receiver holds the committed events up to <paramref name="throughSequence"/>: true when that
    /// delivers more pages (the next state write records <see cref="DeliveredThroughPage"/>).</summary>
    public bool MarkDelivered(long throughSequence)
    {
        var before = DeliveredThroughPage;
        while (_undelivered.TryPeek(out var page) && page.LastSequence <= throughSequence) _undelivered.Dequeue();
        DeliveredThroughPage = _undelivered.TryPeek(out var next) ? Math.Max(DeliveredThroughPage, next.Number - 1) : LastPage;
        return DeliveredThroughPage > before;
    }

    /// <summary>A state recording <paramref name="flushedThroughPage"/> is durable: returns the page numbers that may be
    /// deleted now (every number up to it since the previous durable one, including numbers of failed commits).</summary>
    public IReadOnlyList<long> FlushRecorded(long flushedThroughPage)
    {
        if (flushedThroughPage <= DurableFlushedThroughPage) return [];
        var deletable = new List<long>();
        for (var n = DurableFlushedThroughPage + 1; n <= flushedThroughPage; n++) deletable.Add(n);
        DurableFlushedThroughPage = flushedThroughPage;
        return deletable;
    }
}
