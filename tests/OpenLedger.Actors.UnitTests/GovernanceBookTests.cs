using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Governance;

namespace OpenLedger.Actors.UnitTests;

public sealed class GovernanceBookTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly GovernanceRules Rules = new(TimeSpan.FromHours(1), TimeSpan.FromDays(3), TimeSpan.FromDays(1), QuorumBps: 3_000, VoterCapBps: 1_000);
    private static readonly ProtocolParameters NewSplit = ProtocolParameters.Default with { FeeShares = new FeeSharePolicy(500, 2_000, 2_000, 5_500) };

    /// <summary>A whale holding 60 % of all stake, and 20 honest stakers with 2 % each.</summary>
    private static Dictionary<string, long> Stakes()
    {
        var stakes = Enumerable.Range(0, 20).ToDictionary(i => $"staker-{i}", _ => 2_000L);
        stakes["whale"] = 60_000;
        return stakes;
    }

    private static DateTimeOffset Voting(Proposal p) => p.VotingStartsAt + TimeSpan.FromHours(1);

    [Fact]
    public void A_whale_cannot_pass_a_proposal_alone_because_its_weight_is_capped()
    {
        var book = new GovernanceBook(Rules, ProtocolParameters.Default, T0);
        var (proposal, _) = book.Propose("p1", "whale", NewSplit, T0, Stakes());
        Assert.Equal(VoteResult.Counted, book.Vote("p1", "whale", VoteChoice.For, Voting(proposal!)));

        var tally = book.Tally("p1");
        Assert.Equal(10_000, tally.VoterCap); // 10 % of 100,000
        Assert.Equal(10_000, tally.For);      // not 60,000
        Assert.False(tally.QuorumReached);    // quorum is 30,000
        Assert.Equal(ProposalState.Defeated, book.State("p1", proposal!.VotingEndsAt));
        Assert.Equal(ExecuteResult.NotSucceeded, book.Execute("p1", proposal.ExecutableAt));
        Assert.Equal(1, book.InForce(proposal.ExecutableAt).Version);
    }

    [Fact]
    public void A_broad_majority_passes_and_takes_effect_only_after_the_timelock_as_a_new_version()
    {
        var book = new GovernanceBook(Rules, ProtocolParameters.Default, T0);
        var (proposal, problems) = book.Propose("p1", "staker-0", NewSplit, T0, Stakes());
        Assert.Empty(problems);
        for (var i = 0; i < 12; i++) book.Vote("p1", $"staker-{i}", VoteChoice.For, Voting(proposal!));
        book.Vote("p1", "whale", VoteChoice.Against, Voting(proposal!));

        var tally = book.Tally("p1");
        Assert.Equal(24_000, tally.For);
        Assert.Equal(10_000, tally.Against);
        Assert.True(tally.Passed);
        Assert.Equal(ExecuteResult.TimelockNotElapsed, book.Execute("p1", proposal!.VotingEndsAt));
        Assert.Equal(ExecuteResult.Executed, book.Execute("p1", proposal.ExecutableAt));
        Assert.Equal(ExecuteResult.AlreadyExecuted, book.Execute("p1", proposal.ExecutableAt));

        Assert.Equal(1, book.InForce(proposal.ExecutableAt - TimeSpan.FromSeconds(1)).Version);
        var current = book.InForce(proposal.ExecutableAt);
        Assert.Equal(2, current.Version);
        Assert.Equal("p1", current.ProposalId);
        Assert.Equal(5_500, current.Parameters.FeeShares.ContributorsBps);
    }

    [Fact]
    public void Votes_count_only_inside_the_voting_period_once_per_voter_with_stake_at_creation()
    {
        var book = new GovernanceBook(Rules, ProtocolParameters.Default, T0);
        var (proposal, _) = book.Propose("p1", "staker-0", NewSplit, T0, Stakes());
        Assert.Equal(VoteResult.NotInVotingPeriod, book.Vote("p1", "staker-1", VoteChoice.For, T0)); // voting delay
        Assert.Equal(VoteResult.Counted, book.Vote("p1", "staker-1", VoteChoice.For, Voting(proposal!)));
        Assert.Equal(VoteResult.AlreadyVoted, book.Vote("p1", "staker-1", VoteChoice.Against, Voting(proposal!)));
        Assert.Equal(VoteResult.NoStake, book.Vote("p1", "bought-stake-later", VoteChoice.For, Voting(proposal!)));
        Assert.Equal(VoteResult.NotInVotingPeriod, book.Vote("p1", "staker-2", VoteChoice.For, proposal!.VotingEndsAt));
        Assert.Equal(VoteResult.UnknownProposal, book.Vote("nope", "staker-2", VoteChoice.For, Voting(proposal)));
        Assert.Equal(2_000, book.Tally("p1").For);
    }

    [Fact]
    public void Invalid_parameter_sets_reused_ids_and_stakeless_proposers_are_refused()
    {
        var book = new GovernanceBook(Rules, ProtocolParameters.Default, T0);
        var bad = ProtocolParameters.Default with { FeeShares = new FeeSharePolicy(1_000, 1_000, 1_000, 1_000), TopK = 0, DuplicateCosineCutoff = double.NaN };
        var (none, problems) = book.Propose("p1", "staker-0", bad, T0, Stakes());
        Assert.Null(none);
        Assert.Equal(["parameters.duplicate_cutoff", "parameters.fee_shares", "parameters.top_k"], problems.Select(p => p.Code).Order());
        Assert.Contains("proposal.no_stake", book.Propose("p2", "nobody", NewSplit, T0, Stakes()).Problems.Select(p => p.Code));
        Assert.NotNull(book.Propose("p3", "staker-0", NewSplit, T0, Stakes()).Proposal);
        Assert.Contains("proposal.exists", book.Propose("p3", "staker-0", NewSplit, T0, Stakes()).Problems.Select(p => p.Code));
    }

    [Fact]
    public void A_proposal_overtaken_by_another_that_took_effect_is_stale()
    {
        var book = new GovernanceBook(Rules, ProtocolParameters.Default, T0);
        var (first, _) = book.Propose("p1", "staker-0", NewSplit, T0, Stakes());
        var (second, _) = book.Propose("p2", "staker-0", ProtocolParameters.Default with { TopK = 20 }, T0, Stakes());
        for (var i = 0; i < 16; i++)
        {
            book.Vote("p1", $"staker-{i}", VoteChoice.For, Voting(first!));
            book.Vote("p2", $"staker-{i}", VoteChoice.For, Voting(second!));
        }
        Assert.Equal(ExecuteResult.Executed, book.Execute("p1", first!.ExecutableAt));
        Assert.Equal(ProposalState.Stale, book.State("p2", second!.ExecutableAt));
        Assert.Equal(ExecuteResult.Stale, book.Execute("p2", second.ExecutableAt));
        Assert.Equal(10, book.InForce(second.ExecutableAt).Parameters.TopK);
    }
}
