using OpenLedger.Actors.Domain.Explorer;

namespace OpenLedger.Actors.UnitTests;

/// <summary>What the explorer catalog owes its leaderboard buckets and the accounts' earnings histories.</summary>
public sealed class ExplorerOutboxesTests
{
    [Fact]
    public void Standings_owed_keep_the_newest_snapshot_and_the_oldest_sequence_not_written()
    {
        var outbox = new StandingsOutbox();
        var a1 = new LeaderboardStanding("a", "fee.contributor", 60, 1);
        var b1 = new LeaderboardStanding("b", "fee.model_owner", 40, 1);
        outbox.Add([a1, b1], fromSequence: 1, throughSequence: 1);
        var a2 = a1 with { Earned = 120, Payments = 2 };
        outbox.Add([a2], fromSequence: 2, throughSequence: 2);
        Assert.Equal((2L, 1L), (outbox.ThroughSequence, outbox.OldestOwedSequence));

        outbox.Written([a1, b1]); // a's write carried an older snapshot: a is still owed
        Assert.Equal([a2], outbox.Owed);
        outbox.Written([a2]);
        Assert.Equal((0, long.MaxValue), (outbox.Count, outbox.OldestOwedSequence));
        Assert.Throws<ArgumentException>(() => outbox.Add([a2], 1, 1));
    }

    [Fact]
    public void Earnings_owed_are_kept_per_account_and_event_until_acknowledged()
    {
        var outbox = new EarningsOutbox();
        outbox.Add("a", 1, 100, 60);
        outbox.Add("a", 1, 100, 5); // a second posting of the same event
        outbox.Add("b", 1, 100, 40);
        outbox.Add("a", 2, 101, 60);
        Assert.Equal(1, outbox.OldestOwedSequence);
        var owed = outbox.Owed().ToDictionary(o => o.Account, o => o.Earnings);
        Assert.Equal([new SequencedEarning(1, 100, 65), new SequencedEarning(2, 101, 60)], owed["a"]);

        outbox.Acknowledge("b", 1);
        outbox.Acknowledge("a", 1);
        Assert.Equal((1, 2L), (outbox.EarningCount, outbox.OldestOwedSequence));
        Assert.Throws<ArgumentException>(() => outbox.Add("a", 1, 100, 1));
        outbox.Acknowledge("a", 2);
        Assert.Equal((0, long.MaxValue), (outbox.AccountCount, outbox.OldestOwedSequence));
    }
}
