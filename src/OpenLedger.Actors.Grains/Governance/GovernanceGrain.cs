using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Governance;
using OpenLedger.Actors.Grains.Sessions;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// Protocol governance over a <see cref="GovernanceBook"/>: each accepted call appends one event to the stored log
/// and applies it to the book; the book is rebuilt from the log on activation. Stake weights come from the staking
/// grain's snapshot when a proposal is made.
/// </summary>
public sealed class GovernanceGrain(
    [PersistentState("governance", StorageNames.GrainState)] IPersistentState<GovernanceState> state,
    IOptions<GovernanceOptions> options,
    IOptions<FeePolicyOptions> feePolicy,
    TimeProvider clock) : Grain, IGovernanceGrain
{
    private GovernanceBook _book = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _book = Replay(state.State);
        return Task.CompletedTask;
    }

    public Task<ParametersInForce> GetParametersAsync() => Task.FromResult(_book.InForce(clock.GetUtcNow()).ToContract());

    public Task<ParametersInForce> GetParameterVersionAsync(int version)
    {
        if (version < 1 || version > _book.Versions.Count)
            throw OpenLedgerException.NotFound("parameters.version_not_found", $"There is no parameter version {version}.");
        return Task.FromResult(_book.Versions[version - 1].ToContract());
    }

    public async Task<ProposalInfo> ProposeAsync(string proposalId, string proposer, GovernanceParameters proposed)
    {
        Guard.Identifier(proposalId, "proposal id");
        Guard.Account(proposer, "proposer");
        if (proposed is null) throw OpenLedgerException.Validation("proposal.parameters_missing", "The proposed parameters are required.");
        if (_book.Find(proposalId) is { } existing)
        {
            if (existing.Proposer == proposer && existing.Proposed == proposed.ToDomain()) return Info(existing);
            throw OpenLedgerException.Conflict("proposal.exists", $"Proposal '{proposalId}' already exists with a different proposer or parameters.");
        }
        var stakes = await GrainFactory.GetGrain<IStakingGrain>(StakingIds.Main).GetStakesAsync();
        var now = clock.GetUtcNow();
        var (proposal, problems) = _book.Propose(proposalId, proposer, proposed.ToDomain(), now, stakes);
        if (proposal is null)
        {
            var first = problems[0];
            throw first.Code == "proposal.no_stake"
                ? OpenLedgerException.Forbidden(first.Code, first.Message)
                : OpenLedgerException.Validation(first.Code, string.Join(" ", problems.Select(p => p.Message)));
        }
        await AppendAsync(new GovernanceEvent
        {
            Kind = GovernanceEventKind.Proposed, ProposalId = proposalId, Account = proposer, At = now, Proposed = proposed,
            StakeSnapshot = proposal.StakeSnapshot.ToDictionary(StringComparer.Ordinal),
        });
        return Info(proposal);
    }

    public async Task<ProposalInfo> VoteAsync(string proposalId, string voter, bool support)
    {
        Guard.Identifier(proposalId, "proposal id");
        Guard.Account(voter, "voter");
        var now = clock.GetUtcNow();
        var earlier = state.State.Events.FirstOrDefault(e => e.Kind == GovernanceEventKind.Voted && e.ProposalId == proposalId && e.Account == voter);
        if (earlier is not null)
        {
            if (earlier.Support == support) return Info(_book.Find(proposalId)!);
            throw OpenLedgerException.Conflict("vote.already_cast", $"'{voter}' already voted {(earlier.Support ? "for" : "against")} proposal '{proposalId}'.");
        }
        switch (_book.Vote(proposalId, voter, support ? VoteChoice.For : VoteChoice.Against, now))
        {
            case VoteResult.Counted: break;
            case VoteResult.UnknownProposal: throw ProposalNotFound(proposalId);
            case VoteResult.NotInVotingPeriod:
                var p = _book.Find(proposalId)!;
                throw OpenLedgerException.Validation("vote.not_open", $"Proposal '{proposalId}' takes votes from {p.VotingStartsAt:O} until {p.VotingEndsAt:O}.");
            case VoteResult.NoStake:
                throw OpenLedgerException.Forbidden("vote.no_stake", $"'{voter}' held no stake when proposal '{proposalId}' was made.");
            default:
                throw OpenLedgerException.Conflict("vote.already_cast", $"'{voter}' already voted on proposal '{proposalId}'.");
        }
        await AppendAsync(new GovernanceEvent { Kind = GovernanceEventKind.Voted, ProposalId = proposalId, Account = voter, At = now, Support = support });
        return Info(_book.Find(proposalId)!);
    }

    public async Task<ParametersInForce> ExecuteAsync(string proposalId)
    {
        Guard.Identifier(proposalId, "proposal id");
        var now = clock.GetUtcNow();
        switch (_book.Execute(proposalId, now))
        {
            case ExecuteResult.Executed: break;
            case ExecuteResult.AlreadyExecuted: return _book.Versions.Single(v => v.ProposalId == proposalId).ToContract();
            case ExecuteResult.UnknownProposal: throw ProposalNotFound(proposalId);
            case ExecuteResult.TimelockNotElapsed:
                throw OpenLedgerException.Validation("proposal.timelocked", $"Proposal '{proposalId}' may take effect from {_book.Find(proposalId)!.ExecutableAt:O}.");
            case ExecuteResult.Stale:
                throw OpenLedgerException.Conflict("proposal.stale", $"Proposal '{proposalId}' amends a parameter version that is no longer in force.");
            default:
                throw OpenLedgerException.Validation("proposal.not_succeeded", $"Proposal '{proposalId}' has not passed (it is {Name(_book.State(proposalId, now))}).");
        }
        try
        {
            await AppendAsync(new GovernanceEvent { Kind = GovernanceEventKind.Executed, ProposalId = proposalId, At = now });
        }
        catch
        {
            _book = Replay(state.State); // the execution is not durable: forget it
            throw;
        }
        return _book.Versions[^1].ToContract();
    }

    public Task<ProposalInfo> GetProposalAsync(string proposalId) =>
        Task.FromResult(Info(_book.Find(proposalId) ?? throw ProposalNotFound(proposalId)));

    private async Task AppendAsync(GovernanceEvent e)
    {
        if (state.State.Genesis is null)
        {
            state.State.Genesis = _book.Versions[0].Parameters.ToContract();
            state.State.GenesisAt = _book.Versions[0].EffectiveAt;
            var rules = options.Value.Rules();
            state.State.Rules = new StoredGovernanceRules(rules.VotingDelay, rules.VotingPeriod, rules.Timelock, rules.QuorumBps, rules.VoterCapBps);
        }
        state.State.Events.Add(e);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Events.RemoveAt(state.State.Events.Count - 1);
            _book = Replay(state.State);
            throw;
        }
    }

    private GovernanceBook Replay(GovernanceState stored)
    {
        var genesis = stored.Genesis?.ToDomain() ?? options.Value.Genesis(feePolicy.Value.ToPolicy());
        var rules = stored.Rules is { } r ? new GovernanceRules(r.VotingDelay, r.VotingPeriod, r.Timelock, r.QuorumBps, r.VoterCapBps) : options.Value.Rules();
        var book = new GovernanceBook(rules, genesis, stored.Genesis is null ? DateTimeOffset.UnixEpoch : stored.GenesisAt);
        foreach (var e in stored.Events)
        {
            _ = e.Kind switch
            {
                GovernanceEventKind.Proposed => book.Propose(e.ProposalId, e.Account, e.Proposed!.ToDomain(), e.At, e.StakeSnapshot!).Proposal is null
                    ? throw new InvalidOperationException($"Stored proposal '{e.ProposalId}' does not replay.") : 0,
                GovernanceEventKind.Voted => book.Vote(e.ProposalId, e.Account, e.Support ? VoteChoice.For : VoteChoice.Against, e.At) == VoteResult.Counted
                    ? 0 : throw new InvalidOperationException($"Stored vote on '{e.ProposalId}' does not replay."),
                _ => book.Execute(e.ProposalId, e.At) == ExecuteResult.Executed
                    ? 0 : throw new InvalidOperationException($"Stored execution of '{e.ProposalId}' does not replay."),
            };
        }
        return book;
    }

    private ProposalInfo Info(Proposal p)
    {
        var tally = _book.Tally(p.Id);
        return new ProposalInfo(p.Id, p.Proposer, p.Proposed.ToContract(), p.BaseVersion, p.CreatedAt, p.VotingStartsAt, p.VotingEndsAt,
            p.ExecutableAt, p.TotalStake, tally.For, tally.Against, tally.Quorum, tally.VoterCap, Name(_book.State(p.Id, clock.GetUtcNow())));
    }

    private static string Name(ProposalState s) => s.ToString().ToLowerInvariant();

    private static OpenLedgerException ProposalNotFound(string id) => OpenLedgerException.NotFound("proposal.not_found", $"There is no proposal '{id}'.");
}
