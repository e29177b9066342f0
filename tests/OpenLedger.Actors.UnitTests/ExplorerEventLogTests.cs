using OpenLedger.Actors.Domain.Explorer;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The explorer catalog's event log: pages taken per commit, numbers never reused after a failed commit,
/// replay once per event, delivery watermarks, the pages that may be deleted, the bound.</summary>
public sealed class ExplorerEventLogTests
{
    private static ExplorerEventLog<long> Log(long flushed = 0, long last = 0, long committed = 0) => new(e => e, _ => 1_000, flushed, last, committed);

    [Fact]
    public void A_commit_takes_the_pending_events_as_pages_of_at_most_64_events_and_64_KiB()
    {
        var log = Log();
        for (var s = 1L; s <= 130; s++) log.Append(s);
        var pages = log.Take();
        Assert.Equal([1L, 2L, 3L], pages.Select(p => p.Number));
        Assert.Equal([64, 64, 2], pages.Select(p => p.Events.Count));
        Assert.Equal(0, log.PendingCount);

        var large = new ExplorerEventLog<long>(e => e, _ => 30_000);
        for (var s = 1L; s <= 5; s++) large.Append(s);
        Assert.Equal([2, 2, 1], large.Take().Select(p => p.Events.Count)); // two of 30,000 bytes fit in 64 KiB, three do not
    }

    [Fact]
    public void A_failed_commit_gives_its_events_back_and_its_page_numbers_are_not_reused()
    {
        var log = Log();
        log.Append(1);
        log.Append(2);
        var failed = log.Take();
        log.Append(3);
        log.Return(failed);
        var pages = log.Take();
        Assert.Equal(2, Assert.Single(pages).Number); // page 1 may be named by a state whose write failed after storing it
        Assert.Equal([1L, 2L, 3L], pages[0].Events);
        log.Commit(pages);
        Assert.Equal((2L, 3L), (log.LastPage, log.CommittedThroughSequence));
        Assert.Throws<ArgumentException>(() => log.Append(3)); // sequence numbers only grow
    }

    [Fact]
    public void Delivery_advances_the_flushed_page_only_past_whole_pages_and_recording_it_frees_every_number_below()
    {
        var log = Log();
        for (var commit = 0; commit < 3; commit++)
        {
            log.Append(commit * 2 + 1);
            log.Append(commit * 2 + 2);
            log.Commit(log.Take());
        }
        Assert.False(log.MarkDelivered(1)); // page 1 holds 1 and 2
        Assert.True(log.MarkDelivered(4));
        Assert.Equal(2, log.DeliveredThroughPage);
        Assert.Equal([1L, 2L], log.FlushRecorded(2));
        Assert.Empty(log.FlushRecorded(2));
        Assert.True(log.MarkDelivered(6));
        Assert.Equal([3L], log.FlushRecorded(log.DeliveredThroughPage));
        Assert.Equal((4L, 3L), log.OwedPages); // nothing owed
    }

    [Fact]
    public void Replay_returns_each_committed_event_once_in_order_from_the_pages_not_flushed()
    {
        // Stored: flushed through page 1, newest page 4. Page 2 was written by a commit whose state write failed; page 3
        // holds its events again with newer ones; page 4's number was taken by a commit whose page write failed.
        var log = Log(flushed: 1, last: 5, committed: 9);
        var events = log.Replay([
            new ExplorerEventPage<long>(1, [1, 2]),
            new ExplorerEventPage<long>(2, [3, 4]),
            new ExplorerEventPage<long>(3, [3, 4, 5, 6]),
            new ExplorerEventPage<long>(4, []),
            new ExplorerEventPage<long>(5, [7, 8, 9]),
        ]);
        Assert.Equal([3L, 4L, 5L, 6L, 7L, 8L, 9L], events);
        Assert.True(log.MarkDelivered(6));
        Assert.Equal(4, log.DeliveredThroughPage); // page 5 is still owed
        log.Append(10);
        Assert.Equal(6, Assert.Single(log.Take()).Number);
    }

    [Fact]
    public void The_log_is_full_when_too_many_committed_pages_are_not_flushed()
    {
        var log = Log(flushed: 0, last: ExplorerEventLog<long>.MaxOwedPages - 1);
        Assert.False(log.IsFull);
        log.Append(1);
        log.Commit(log.Take());
        Assert.True(log.IsFull);
        log.MarkDelivered(1);
        log.FlushRecorded(log.DeliveredThroughPage);
        Assert.False(log.IsFull);
    }
}
