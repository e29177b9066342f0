using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Governance;

namespace OpenLedger.Actors.UnitTests;

public sealed class GovernanceBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GovernanceRules Rules = new(TimeSpan.FromHours(1), TimeSpan.FromDays(3), TimeSpan.FromDays(1), QuorumBps: 3_000, VoterCapBps: 1_000);
    private static readonly ProtocolParameters NewSplit = ProtocolParameters.Default with { FeeShares = new FeeSharePolicy(500, 2_000, 2_000, 5_500) };
    private static readonly ParameterVersion Genesis = new(1, ProtocolParameters.Default, T0, null);

    /// <summary>A whale holding 60 % of all stake, and 20 honest stakers with 2 % each.</summary>
    private static Dictionary<string, long> Stakes()
    {
        var stakes = Enumerable.Range(0, 20).ToDictionary(i => $"staker-{i}", _ => 2_000L);
        stakes["whale"] = 60_000;
        return stakes;
    }

    private static readonly long TotalStake = Stakes().Values.Sum();

    private static Proposal Propose(string id, string proposer, int currentVersion = 1, ProtocolParameters? parameters = null)
    {
        var (proposal, problems) = new GovernanceBook(Rules).Propose(id, proposer, parameters ?? NewSplit, T0, Stakes()[proposer], TotalStake, Stakes().Count, currentVersion);
        Assert.Empty(problems);
        return proposal!;
    }

    /// <summary>Each voter's capped weight for (or against), as a vote bucket adds them up.</summary>
    private static ProposalTally Tally(Proposal p, IEnumerable<string> yes, IEnumerable<string> no) => GovernanceBook.Tally(p,
        yes.Sum(v => GovernanceBook.Weight(Stakes()[v], p.VoterCap)), no.Sum(v => GovernanceBook.Weight(Stakes()[v], p.VoterCap)));

    private static DateTimeOffset Voting(Proposal p) => p.VotingStartsAt + TimeSpan.FromHours(1);

    [Fact]
    public void A_whale_cannot_pass_a_proposal_alone_because_its_weight_is_capped()
    {
        var p = Propose("p1", "whale");
        Assert.Equal(VoteResult.Counted, GovernanceBook.CanVote(p, Stakes()["whale"], Voting(p)));
        var tally = Tally(p, ["whale"], []);
        Assert.Equal(10_000, tally.For); // 10 % of 100,000, not 60,000
        Assert.Equal(30_000, tally.Quorum);
        Assert.False(tally.Passed);
        Assert.Equal(ProposalState.Defeated, GovernanceBook.State(p, tally, executed: false, 1, p.VotingEndsAt));
        Assert.Equal(ExecuteResult.NotSucceeded, GovernanceBook.CanExecute(p, tally, false, 1, p.ExecutableAt));
    }

    [Fact]
    public void A_broad_majority_passes_and_takes_effect_only_after_the_timelock_as_a_new_version()
    {
        var p = Propose("p1", "staker-0");
        var honest = Enumerable.Range(0, 15).Select(i => $"staker-{i}").ToList();
        Assert.All(honest, v => Assert.Equal(VoteResult.Counted, GovernanceBook.CanVote(p, Stakes()[v], Voting(p))));
        var tally = Tally(p, honest, ["whale"]);
        Assert.Equal(30_000, tally.For);
        Assert.Equal(10_000, tally.Against);
        Assert.True(tally.Passed);
        Assert.Equal(ProposalState.Active, GovernanceBook.State(p, tally, false, 1, Voting(p)));
        Assert.Equal(ExecuteResult.NotSucceeded, GovernanceBook.CanExecute(p, tally, false, 1, Voting(p)));
        Assert.Equal(ExecuteResult.TimelockNotElapsed, GovernanceBook.CanExecute(p, tally, false, 1, p.VotingEndsAt));
        Assert.Equal(ExecuteResult.Executed, GovernanceBook.CanExecute(p, tally, false, 1, p.ExecutableAt));
        var next = GovernanceBook.Next(Genesis, p, p.ExecutableAt);
        Assert.Equal(2, next.Version);
        Assert.Equal(NewSplit, next.Parameters);
        Assert.Equal("p1", next.ProposalId);
        Assert.Equal(ExecuteResult.AlreadyExecuted, GovernanceBook.CanExecute(p, tally, executed: true, 2, p.ExecutableAt));
    }

    [Fact]
    public void Votes_count_only_inside_the_voting_period_and_with_stake_at_creation()
    {
        var p = Propose("p1", "staker-0");
        Assert.Equal(VoteResult.NotInVotingPeriod, GovernanceBook.CanVote(p, 2_000, T0)); // voting delay
        Assert.Equal(VoteResult.NotInVotingPeriod, GovernanceBook.CanVote(p, 2_000, p.VotingEndsAt));
        Assert.Equal(VoteResult.NoStake, GovernanceBook.CanVote(p, 0, Voting(p))); // no stake when the proposal was made
        Assert.Equal(VoteResult.Counted, GovernanceBook.CanVote(p, 2_000, Voting(p)));
        Assert.Equal(2_000, GovernanceBook.Weight(2_000, p.VoterCap));
        Assert.Equal(p.VoterCap, GovernanceBook.Weight(60_000, p.VoterCap));
        Assert.Equal(ProposalState.Pending, GovernanceBook.State(p, GovernanceBook.Tally(p, 0, 0), false, 1, T0));
    }

    [Fact]
    public void Invalid_parameter_sets_and_stakeless_proposers_are_refused()
    {
        var book = new GovernanceBook(Rules);
        var bad = NewSplit with { FeeShares = new FeeSharePolicy(500, 2_000, 2_000, 5_000) };
        Assert.Equal("parameters.fee_shares", book.Propose("p", "staker-0", bad, T0, 2_000, TotalStake, 21, 1).Problems[0].Code);
        Assert.Equal("parameters.top_k", book.Propose("p", "staker-0", NewSplit with { TopK = 0 }, T0, 2_000, TotalStake, 21, 1).Problems[0].Code);
        Assert.Equal("proposal.no_stake", book.Propose("p", "nobody", NewSplit, T0, 0, TotalStake, 21, 1).Problems[0].Code);
        var made = book.Propose("p", "staker-0", NewSplit, T0, 2_000, TotalStake, 21, 1).Proposal!;
        Assert.Equal(T0 + Rules.VotingDelay, made.VotingStartsAt);
        Assert.Equal(made.VotingEndsAt + Rules.Timelock, made.ExecutableAt);
        Assert.Equal(TotalStake * 3_000 / 10_000, made.Quorum);
        Assert.Equal(TotalStake * 1_000 / 10_000, made.VoterCap);
    }

    [Fact]
    public void A_proposal_overtaken_by_another_that_took_effect_is_stale()
    {
        var first = Propose("first", "staker-0");
        var second = Propose("second", "staker-1", parameters: NewSplit with { TopK = 20 });
        var voters = Enumerable.Range(0, 16).Select(i => $"staker-{i}").ToList();
        var tally = Tally(first, voters, []);
        Assert.Equal(ExecuteResult.Executed, GovernanceBook.CanExecute(first, tally, false, 1, first.ExecutableAt));
        var v2 = GovernanceBook.Next(Genesis, first, first.ExecutableAt);
        Assert.Equal(ProposalState.Stale, GovernanceBook.State(second, Tally(second, voters, []), false, v2.Version, second.ExecutableAt));
        Assert.Equal(ExecuteResult.Stale, GovernanceBook.CanExecute(second, Tally(second, voters, []), false, v2.Version, second.ExecutableAt));
        Assert.Throws<InvalidOperationException>(() => GovernanceBook.Next(v2, second, second.ExecutableAt));
    }
}
