using OpenLedger.Actors.Domain.Curation;
using OpenLedger.Actors.Domain.Datanets;

namespace OpenLedger.Actors.UnitTests;

public sealed class DatanetBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private const int RowQuota = 1_000;
    private const long ByteQuota = 1_000_000;

    private static SubmissionRange Submit(DatanetBook book, string id, string contributor, int rows, int[]? duplicateAt = null, DateTimeOffset? at = null)
    {
        var now = at ?? T0;
        var range = new SubmissionRange(id, contributor, $"chunk-{id}", book.NextRowId, rows, now, 0);
        var duplicates = (duplicateAt ?? []).Select(i => range.FirstRowId + i).ToList();
        return book.Record(range, duplicates, Enumerable.Repeat((byte)50, rows).ToArray(), rows * 10L, now, RowQuota, ByteQuota);
    }

    private static DatanetRefusal Refused(Action act) => Assert.Throws<DatanetRefusal>(act);

    [Fact]
    public void Rows_start_pending_or_duplicate_and_final_rows_are_never_reviewed_again()
    {
        var book = DatanetBook.Create("d", "owner");
        Submit(book, "s1", "alice", 3, duplicateAt: [2]);
        Assert.Equal([RowStatus.Pending, RowStatus.Pending, RowStatus.Duplicate], new long[] { 1, 2, 3 }.Select(book.Status));
        Assert.Single(book.Owed, o => o.Kind == OwedCurationKind.Penalty && o.Contributor == "alice"); // duplicates owe a penalty

        Assert.Equal([1L, 2L], book.Review("owner", [1, 2, 3], RowStatus.Approved));
        Assert.Equal([2L], book.Review("owner", [2, 3], RowStatus.Adversarial));
        Assert.Empty(book.Review("owner", [2, 3], RowStatus.Approved)); // both final now
        Assert.Equal((RowStatus.Approved, RowStatus.Adversarial, RowStatus.Duplicate), (book.Status(1), book.Status(2), book.Status(3)));
        Assert.Equal([1L], book.Review("owner", [1], RowStatus.Rejected)); // approved rows may be re-reviewed
        Assert.Equal((0, 0, 3), (book.PendingCount, book.ApprovedCount, book.RejectedCount));
    }

    [Fact]
    public void A_review_round_owes_each_contributor_one_count_and_an_unchanged_review_owes_nothing()
    {
        var book = DatanetBook.Create("d", "owner");
        Submit(book, "s1", "alice", 2);
        Submit(book, "s2", "bob", 3);
        book.Review("owner", [1, 2, 3, 4], RowStatus.Approved);
        Assert.Equal(1, book.ReviewRounds);
        var owed = book.Owed.OrderBy(o => o.Contributor).ToList();
        Assert.Equal([("alice", 2L, 0L), ("bob", 2L, 0L)], owed.Select(o => (o.Contributor, o.Accepted, o.Rejected)));
        Assert.Equal(book.WriteId("review", "1", "alice"), owed[0].Id);

        Assert.Empty(book.Review("owner", [1, 2], RowStatus.Approved));
        Assert.Equal(1, book.ReviewRounds);
        Assert.Equal(2, book.Owed.Count);
        Assert.True(book.Acknowledge(owed[0].Id));
        Assert.False(book.Acknowledge(owed[0].Id)); // a repeated acknowledgement changes nothing
        Assert.Single(book.Owed);
    }

    [Fact]
    public void Adversarial_rows_owe_one_penalty_per_submission_per_curation_round()
    {
        var book = DatanetBook.Create("d", "owner");
        var s1 = Submit(book, "s1", "mallory", 5);
        book.Review("owner", [1, 2], RowStatus.Adversarial, "flipped labels");
        book.Review("owner", [3], RowStatus.Adversarial, "flipped labels");
        Assert.Single(book.Owed, o => o.Kind == OwedCurationKind.Penalty); // same submission, same round
        Assert.Equal(book.PenaltyId(s1, 1), book.Owed.Single(o => o.Kind == OwedCurationKind.Penalty).Id);

        book.Review("owner", [4, 5], RowStatus.Approved);
        Assert.Equal(5, book.CheckPublish("owner") + 3); // two approved rows
        book.Published();
        book.Review("owner", [4], RowStatus.Adversarial, "found later");
        Assert.Equal(2, book.Owed.Count(o => o.Kind == OwedCurationKind.Penalty)); // a new round
        Assert.All(book.Owed, o => Assert.True(o.Reason.Length <= 200));
    }

    [Fact]
    public void Quotas_refuse_a_whole_submission_and_only_todays_use_is_kept()
    {
        var book = DatanetBook.Create("d", "owner");
        Submit(book, "s1", "alice", 900);
        var refusal = Refused(() => book.CheckSubmission("alice", 101, 10, T0, RowQuota, ByteQuota));
        Assert.Equal(("quota.rows", DatanetRefusalKind.QuotaExceeded), (refusal.Code, refusal.Kind));
        Assert.Equal(900, book.RowCount);
        Submit(book, "s2", "bob", 10);
        Submit(book, "s3", "alice", 1_000, at: T0.AddDays(1)); // a new day starts from zero
        Assert.Equal(["alice"], book.Quotas.Keys); // yesterday's use of bob is dropped
    }

    [Fact]
    public void A_full_Datanet_and_a_full_day_refuse_with_clear_codes()
    {
        var book = DatanetBook.Create("d", "owner", new DatanetLimits(MaxRows: 10, MaxQuotaContributorsPerDay: 2));
        Submit(book, "s1", "alice", 6);
        Submit(book, "s2", "bob", 1);
        Assert.Equal("quota.contributors", Refused(() => book.CheckSubmission("carol", 1, 1, T0, RowQuota, ByteQuota)).Code);
        Assert.Equal("datanet.full", Refused(() => book.CheckSubmission("alice", 4, 1, T0, RowQuota, ByteQuota)).Code);
        Submit(book, "s3", "alice", 3);
        Assert.Equal(10, book.RowCount);
    }

    [Fact]
    public void Reviews_are_refused_whole_when_they_touch_too_many_contributors_or_staking_is_behind()
    {
        var book = DatanetBook.Create("d", "owner", new DatanetLimits(MaxContributorsPerReview: 2, MaxOwed: 3));
        for (var i = 0; i < 3; i++) Submit(book, $"s{i}", $"c{i}", 1);
        Assert.Equal("review.too_many_contributors", Refused(() => book.Review("owner", [1, 2, 3], RowStatus.Approved)).Code);
        Assert.Equal(3, book.PendingCount);
        book.Review("owner", [1, 2], RowStatus.Approved);
        Assert.Equal(DatanetRefusalKind.Backlogged, Refused(() => book.Review("owner", [3, 1], RowStatus.Rejected)).Kind);
        Assert.Equal((RowStatus.Pending, RowStatus.Approved), (book.Status(3), book.Status(1)));
        book.Acknowledge(book.Owed[0].Id);
        book.Review("owner", [3, 1], RowStatus.Rejected);
    }

    [Fact]
    public void An_invited_curator_reviews_only_after_accepting()
    {
        var book = DatanetBook.Create("d", "owner");
        Submit(book, "s1", "alice", 2);
        Assert.Equal("datanet.not_owner", Refused(() => book.Invite("alice", "alice")).Code);
        Assert.True(book.Invite("owner", "carol"));
        Assert.False(book.Invite("owner", "carol"));
        Assert.Equal(["owner"], book.Curators);
        Assert.Equal("curator.not_accepted", Refused(() => book.Review("carol", [1], RowStatus.Approved)).Code);
        Assert.Equal("curator.not_invited", Refused(() => book.Accept("dave")).Code);
        Assert.True(book.Accept("carol"));
        Assert.False(book.Accept("carol"));
        Assert.Equal(["owner", "carol"], book.Curators);
        Assert.Empty(book.Invitations);
        Assert.Single(book.Review("carol", [1], RowStatus.Approved));
    }

    [Fact]
    public void Acceptance_counts_follow_every_change_and_survive_a_restore()
    {
        var book = DatanetBook.Create("d", "owner");
        Submit(book, "s1", "alice", 3, duplicateAt: [0]);
        Submit(book, "s2", "bob", 2);
        book.Review("owner", [2, 4], RowStatus.Approved);
        book.Review("owner", [5], RowStatus.Rejected);
        Assert.Equal([new AcceptanceCount("alice", 3, 1, 1), new AcceptanceCount("bob", 2, 1, 1)], book.Acceptance());

        var restored = DatanetBook.Restore("d", "owner", book.StatusBytes(), book.PlausibilityBytes(), book.Submissions.Reverse(),
            book.Quotas.ToDictionary(), book.Curators, book.Invitations, book.VersionCount, book.ReviewRounds, book.Owed);
        Assert.Equal(book.Acceptance(), restored.Acceptance());
        Assert.Equal((book.PendingCount, book.ApprovedCount, book.RejectedCount), (restored.PendingCount, restored.ApprovedCount, restored.RejectedCount));
        Assert.Equal("s2", restored.SubmissionOf(5).Id);
        Assert.Equal(0.5, restored.Plausibility(4));
        Assert.Equal([(book.Find("s1")!, 1), (book.Find("s2")!, 0)], restored.Rows(s => s == RowStatus.Approved));
        Assert.Throws<ArgumentException>(() => DatanetBook.Restore("d", "owner", book.StatusBytes(), book.PlausibilityBytes(), book.Submissions.Take(1),
            book.Quotas.ToDictionary(), book.Curators, [], 0, 0, []));
    }

    [Fact]
    public void Assess_marks_repeats_of_live_rows_and_of_earlier_rows_of_the_same_submission()
    {
        var existing = new NearDuplicateDetector(2);
        existing.Add(1, "alice", [1.0, 0.0], 0);
        existing.Add(2, "alice", [0.0, 1.0], 1);
        var (duplicates, plausibility) = DatanetBook.Assess(existing, [([1.0, 0.001], 0), ([-1.0, -1.0], 1), ([-1.0, -1.001], 1)], 3, 0.9999);
        Assert.Equal(new Dictionary<long, long> { [3] = 1, [5] = 4 }, duplicates);
        Assert.Equal(3, plausibility.Length);
    }

    [Fact]
    public void Versions_are_capped_and_only_the_owner_publishes()
    {
        var book = DatanetBook.Create("d", "owner", new DatanetLimits(MaxVersions: 1));
        Submit(book, "s1", "alice", 1);
        Assert.Equal("version.empty", Refused(() => book.CheckPublish("owner")).Code);
        book.Review("owner", [1], RowStatus.Approved);
        Assert.Equal("datanet.not_owner", Refused(() => book.CheckPublish("alice")).Code);
        Assert.Equal(1, book.CheckPublish("owner"));
        Assert.Equal(2, book.Published() + book.CurationRound - 1);
        Assert.Equal("datanet.too_many_versions", Refused(() => book.CheckPublish("owner")).Code);
    }
}
