using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Governance;

/// <summary>
/// Governance rules with no storage or clock of their own (time is passed in): proposals, capped stake-weighted
/// votes, quorum, timelock, and the versioned history of parameters in force. Refusals are results, not
/// exceptions; invalid parameter sets are refused with their <see cref="ValidationProblem"/>s.
/// </summary>
public sealed class GovernanceBook
{
    private readonly GovernanceRules _rules;
    private readonly List<ParameterVersion> _versions;
    private readonly Dictionary<string, Proposal> _proposals = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, VoteChoice>> _votes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _executed = new(StringComparer.Ordinal);

    public GovernanceBook(GovernanceRules rules, ProtocolParameters genesis, DateTimeOffset genesisAt)
    {
        _rules = rules.Validated();
        if (genesis.Problems() is { Count: > 0 } problems) throw new ArgumentException(problems[0].Message, nameof(genesis));
        _versions = [new ParameterVersion(1, genesis, genesisAt, null)];
    }

    public IReadOnlyList<ParameterVersion> Versions => _versions;

    /// <summary>The version in force at <paramref name="at"/> (the latest that took effect by then).</summary>
    public ParameterVersion InForce(DateTimeOffset at) => _versions.Last(v => v.EffectiveAt <= at || v.Version == 1);

    public Proposal? Find(string id) => _proposals.GetValueOrDefault(id);

    /// <summary>Records a proposal; an invalid parameter set or a reused id is refused with the reasons.</summary>
    public (Proposal? Proposal, IReadOnlyList<ValidationProblem> Problems) Propose(
        string id, string proposer, ProtocolParameters proposed, DateTimeOffset now, IReadOnlyDictionary<string, long> stakes)
    {
        var problems = new List<ValidationProblem>(proposed.Problems());
        if (_proposals.ContainsKey(id)) problems.Add(new("proposal.exists", $"Proposal '{id}' already exists."));
        if (stakes.GetValueOrDefault(proposer) <= 0) problems.Add(new("proposal.no_stake", "Only a staker can make a proposal."));
        if (stakes.Values.Any(s => s < 0)) problems.Add(new("proposal.stake_negative", "Stakes cannot be negative."));
        if (problems.Count > 0) return (null, problems);

        var snapshot = stakes.Where(s => s.Value > 0).ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        var start = now + _rules.VotingDelay;
        var end = start + _rules.VotingPeriod;
        var proposal = new Proposal(id, proposer, proposed, _versions[^1].Version, now, start, end, end + _rules.Timelock,
            snapshot, snapshot.Values.Aggregate(0L, (total, stake) => checked(total + stake)));
        _proposals.Add(id, proposal);
        _votes.Add(id, new Dictionary<string, VoteChoice>(StringComparer.Ordinal));
        return (proposal, []);
    }

    public VoteResult Vote(string proposalId, string voter, VoteChoice choice, DateTimeOffset now)
    {
        if (!_proposals.TryGetValue(proposalId, out var proposal)) return VoteResult.UnknownProposal;
        if (now < proposal.VotingStartsAt || now >= proposal.VotingEndsAt) return VoteResult.NotInVotingPeriod;
        if (proposal.StakeSnapshot.GetValueOrDefault(voter) <= 0) return VoteResult.NoStake;
        return _votes[proposalId].TryAdd(voter, choice) ? VoteResult.Counted : VoteResult.AlreadyVoted;
    }

    public ProposalTally Tally(string proposalId)
    {
        var proposal = _proposals[proposalId];
        var cap = ShareOf(proposal.TotalStake, _rules.VoterCapBps);
        var quorum = ShareOf(proposal.TotalStake, _rules.QuorumBps);
        long yes = 0, no = 0;
        foreach (var (voter, choice) in _votes[proposalId])
        {
            var weight = Math.Min(proposal.StakeSnapshot[voter], cap);
            if (choice == VoteChoice.For) yes += weight;
            else no += weight;
        }
        return new ProposalTally(yes, no, quorum, cap, yes + no >= quorum && quorum > 0);
    }

    public ProposalState State(string proposalId, DateTimeOffset now)
    {
        var proposal = _proposals[proposalId];
        if (_executed.Contains(proposalId)) return ProposalState.Executed;
        if (now < proposal.VotingStartsAt) return ProposalState.Pending;
        if (now < proposal.VotingEndsAt) return ProposalState.Active;
        if (!Tally(proposalId).Passed) return ProposalState.Defeated;
        return proposal.BaseVersion == _versions[^1].Version ? ProposalState.Succeeded : ProposalState.Stale;
    }

    /// <summary>Puts a succeeded proposal's parameters in force as the next version, once its timelock has passed.</summary>
    public ExecuteResult Execute(string proposalId, DateTimeOffset now)
    {
        if (!_proposals.TryGetValue(proposalId, out var proposal)) return ExecuteResult.UnknownProposal;
        switch (State(proposalId, now))
        {
            case ProposalState.Executed: return ExecuteResult.AlreadyExecuted;
            case ProposalState.Stale: return ExecuteResult.Stale;
            case ProposalState.Succeeded: break;
            default: return ExecuteResult.NotSucceeded;
        }
        if (now < proposal.ExecutableAt) return ExecuteResult.TimelockNotElapsed;
        _versions.Add(new ParameterVersion(_versions[^1].Version + 1, proposal.Proposed, now, proposalId));
        _executed.Add(proposalId);
        return ExecuteResult.Executed;
    }

    private static long ShareOf(long total, int bps) => (long)((Int128)total * bps / 10_000);
}
