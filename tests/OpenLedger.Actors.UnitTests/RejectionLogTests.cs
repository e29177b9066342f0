using OpenLedger.Actors.Domain.Datanets;

namespace OpenLedger.Actors.UnitTests;

/// <summary>The rejection record's pure rules: entries per contributor of bounded size, page location, newest-first pages, row runs.</summary>
public sealed class RejectionLogTests
{
    [Fact]
    public void A_review_becomes_one_entry_per_contributor_cut_at_the_row_cap()
    {
        var rows = new[] { (7L, "bob"), (1L, "alice"), (3L, "bob"), (2L, "alice"), (4L, "alice"), (9L, "alice"), (2L, "alice") };
        var entries = RejectionLog.Entries(rows, maxRowsPerEntry: 2);
        Assert.Equal(
            [("bob", new long[] { 3, 7 }), ("alice", new long[] { 1, 2 }), ("alice", new long[] { 4, 9 })],
            entries.Select(e => (e.Contributor, e.RowIds)).ToList(), new EntryComparer());
        Assert.Empty(RejectionLog.Entries([], 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => RejectionLog.Entries(rows, 0));
    }

    [Fact]
    public void Entries_are_located_by_page_and_slot()
    {
        Assert.Equal((0, 0), RejectionLog.Locate(0, 64));
        Assert.Equal((0, 63), RejectionLog.Locate(63, 64));
        Assert.Equal((1, 0), RejectionLog.Locate(64, 64));
        Assert.Equal((2, 5), RejectionLog.Locate(133, 64));
        Assert.Throws<ArgumentOutOfRangeException>(() => RejectionLog.Locate(-1, 64));
    }

    [Fact]
    public void Pages_are_newest_first_below_the_cursor_and_never_past_the_committed_count()
    {
        Assert.Equal([4L, 3, 2], RejectionLog.NewestFirst(5, null, 3));
        Assert.Equal([1L, 0], RejectionLog.NewestFirst(5, 2, 3)); // the next page: below the last shown
        Assert.Empty(RejectionLog.NewestFirst(5, 0, 3));
        Assert.Equal([4L, 3, 2, 1, 0], RejectionLog.NewestFirst(5, 1_000, 50)); // a cursor past the count reads from the newest committed
        Assert.Empty(RejectionLog.NewestFirst(0, null, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => RejectionLog.NewestFirst(5, null, 0));
    }

    [Fact]
    public void Row_ids_read_as_runs()
    {
        Assert.Equal([(3L, 3L), (5L, 7L), (10L, 10L)], RejectionLog.Runs([7, 3, 5, 6, 10, 6]));
        Assert.Empty(RejectionLog.Runs([]));
    }

    private sealed class EntryComparer : IEqualityComparer<(string Contributor, long[] RowIds)>
    {
        public bool Equals((string Contributor, long[] RowIds) a, (string Contributor, long[] RowIds) b) => a.Contributor == b.Contributor && a.RowIds.SequenceEqual(b.RowIds);

        public int GetHashCode((string Contributor, long[] RowIds) e) => e.Contributor.GetHashCode(StringComparison.Ordinal);
    }
}
