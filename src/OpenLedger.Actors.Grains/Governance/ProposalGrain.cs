using Microsoft.Extensions.Options;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Staking;
using OpenLedger.Actors.Domain.Governance;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// One proposal over the rules of <see cref="GovernanceBook"/>. Its state is its terms, the key of its stake snapshot
/// (a content-addressed artifact, <see cref="StakeSnapshotArtifact"/>), which vote buckets hold votes (a 256-bit set)
/// and the version it put in force — the same size whatever the number of stakers or votes (budget 4 KiB). Votes live
/// in <see cref="IProposalVoteBucketGrain"/>s (one per stake-index bucket); a bucket is marked in this state before its
/// first vote is written, so the tally can always be rebuilt from the marked buckets. Votes interleave (they touch
/// only the bucket set, written one at a time, and an in-memory sum); the decisive tally at execution is read afresh
/// from the buckets. Making a proposal reads every stake-index bucket and calls no governance grain that could wait on
/// staking: no call cycle.
/// </summary>
public sealed class ProposalGrain(
    [PersistentState("proposal", StorageNames.GrainState)] IPersistentState<ProposalGrainState> state,
    IArtifactStore artifacts,
    IParameterSnapshots snapshots,
    IOptions<GovernanceOptions> options,
    TimeProvider clock) : Grain, IProposalGrain
{
    private readonly Dictionary<int, VoteBucketTally> _tallies = [];
    private readonly OneWriteAtATime _writes = new();
    private bool _talliesLoaded;
    private bool _finalTally;

    private string Id => this.GetPrimaryKeyString();
    private IGovernanceParametersGrain Parameters => GrainFactory.GetGrain<IGovernanceParametersGrain>(GovernanceIds.Main);

    public async Task<ProposalInfo> ProposeAsync(string proposer, GovernanceParameters proposed)
    {
        Guard.Identifier(Id, "proposal id");
        Guard.Account(proposer, "proposer");
        if (proposed is null) throw OpenLedgerException.Validation("proposal.parameters_missing", "The proposed parameters are required.");
        if (state.State.Proposal is { } existing)
        {
            if (existing.Proposer == proposer && existing.Proposed == proposed) return await InfoAsync();
            throw OpenLedgerException.Conflict("proposal.exists", $"Proposal '{Id}' already exists with a different proposer or parameters.");
        }
        var parameters = proposed.ToDomain();
        if (parameters.Problems() is { Count: > 0 } invalid)
            throw OpenLedgerException.Validation(invalid[0].Code, string.Join(" ", invalid.Select(p => p.Message)));
        if ((await GrainFactory.GetGrain<IStakingGrain>(proposer).GetStandingAsync()).Stake <= 0) // refuse non-stakers before reading every bucket
            throw NoStake();

        var stakes = await Task.WhenAll(Enumerable.Range(0, StakeIndex.BucketCount)
            .Select(b => GrainFactory.GetGrain<IStakeIndexBucketGrain>(b).GetStakesAsync()));
        var all = stakes.SelectMany(s => s).ToList();
        var manifest = await StakeSnapshotArtifact.StoreAsync(artifacts, all);
        var proposerStake = all.Find(s => s.Account == proposer)?.Stake ?? 0;
        var inForce = await Parameters.GetCurrentAsync();
        var (proposal, problems) = new GovernanceBook(options.Value.Rules())
            .Propose(Id, proposer, parameters, clock.GetUtcNow(), proposerStake, manifest.TotalStake, manifest.StakerCount, inForce.Version);
        if (proposal is null)
        {
            if (problems[0].Code == "proposal.no_stake") throw NoStake();
            throw OpenLedgerException.Validation(problems[0].Code, string.Join(" ", problems.Select(p => p.Message)));
        }
        await _writes.RunAsync(() => state.ChangeAndWriteAsync(this, s => s.Proposal = StoredProposal.Of(proposal, manifest.Key)));
        _talliesLoaded = true; // no votes yet
        return await InfoAsync();
    }

    public async Task<ProposalInfo> VoteAsync(string voter, bool support)
    {
        Guard.Account(voter, "voter");
        var proposal = RequireProposal();
        var bucket = StakeIndex.BucketOf(voter);
        if (!state.State.HasVotes(bucket))
        {
            var now = clock.GetUtcNow();
            if (now < proposal.VotingStartsAt || now >= proposal.VotingEndsAt) // nobody of this bucket voted: refuse without a write
                throw OpenLedgerException.Validation("vote.not_open", $"Proposal '{Id}' takes votes from {proposal.VotingStartsAt:O} until {proposal.VotingEndsAt:O}.");
            await _writes.RunAsync(async () =>
            {
                if (state.State.HasVotes(bucket)) return;
                await state.ChangeAndWriteAsync(this, s => s.MarkVotes(bucket)); // before the bucket's first vote, so the tally can find it
            });
        }
        var tally = await GrainFactory.GetGrain<IProposalVoteBucketGrain>(IProposalVoteBucketGrain.KeyOf(Id, bucket))
            .CastAsync(new VoteCast(voter, support, proposal.SnapshotKey, proposal.VoterCap, proposal.VotingStartsAt, proposal.VotingEndsAt));
        Merge(bucket, tally);
        return await InfoAsync();
    }

    public async Task<ParametersInForce> ExecuteAsync()
    {
        var stored = RequireProposal();
        if (state.State.ExecutedVersion > 0) return await Parameters.GetVersionAsync(state.State.ExecutedVersion);
        var now = clock.GetUtcNow();
        var proposal = stored.ToDomain(Id);
        var tally = await TallyAsync(now);
        var inForce = await Parameters.GetCurrentAsync();
        switch (GovernanceBook.CanExecute(proposal, tally, executed: false, inForce.Version, now))
        {
            case ExecuteResult.Executed or ExecuteResult.Stale: break; // stale may be this proposal's own execution cut short: the history decides
            case ExecuteResult.TimelockNotElapsed:
                throw OpenLedgerException.Validation("proposal.timelocked", $"Proposal '{Id}' may take effect from {stored.ExecutableAt:O}.");
            default:
                throw OpenLedgerException.Validation("proposal.not_succeeded",
                    $"Proposal '{Id}' has not passed (it is {Name(GovernanceBook.State(proposal, tally, false, inForce.Version, now))}).");
        }
        var applied = await GrainFactory.GetGrain<IParameterChangesGrain>(GovernanceIds.Main).ApplyAsync(Id, stored.BaseVersion, stored.Proposed)
            ?? throw OpenLedgerException.Conflict("proposal.stale", $"Proposal '{Id}' amends a parameter version that is no longer in force.");
        await _writes.RunAsync(() => state.ChangeAndWriteAsync(this, s => s.ExecutedVersion = applied.Version));
        return applied;
    }

    public async Task<ProposalInfo> GetAsync()
    {
        RequireProposal();
        return await InfoAsync();
    }

    private async Task<ProposalInfo> InfoAsync()
    {
        var stored = state.State.Proposal!;
        var proposal = stored.ToDomain(Id);
        var now = clock.GetUtcNow();
        var tally = await TallyAsync(now);
        var versionInForce = (await snapshots.CurrentAsync()).Version;
        var name = Name(GovernanceBook.State(proposal, tally, state.State.ExecutedVersion > 0, versionInForce, now));
        return new ProposalInfo(Id, stored.Proposer, stored.Proposed, stored.BaseVersion, stored.CreatedAt, stored.VotingStartsAt, stored.VotingEndsAt,
            stored.ExecutableAt, stored.TotalStake, tally.For, tally.Against, tally.Quorum, tally.VoterCap, name);
    }

    /// <summary>
    /// The tally: the sum of the marked buckets' tallies, read from them on first need and once more after voting ended
    /// (then it is final, whatever reply a crash may have cut off).
    /// </summary>
    private async Task<ProposalTally> TallyAsync(DateTimeOffset now)
    {
        var stored = state.State.Proposal!;
        var ended = now >= stored.VotingEndsAt;
        if (!_talliesLoaded || (ended && !_finalTally))
        {
            var buckets = Enumerable.Range(0, StakeIndex.BucketCount).Where(state.State.HasVotes).ToList();
            var read = await Task.WhenAll(buckets.Select(b => GrainFactory.GetGrain<IProposalVoteBucketGrain>(IProposalVoteBucketGrain.KeyOf(Id, b)).GetTallyAsync()));
            for (var i = 0; i < buckets.Count; i++) Merge(buckets[i], read[i]);
            _talliesLoaded = true;
            _finalTally = ended;
        }
        long votesFor = 0, against = 0;
        foreach (var tally in _tallies.Values)
        {
            votesFor += tally.For;
            against += tally.Against;
        }
        return GovernanceBook.Tally(stored.ToDomain(Id), votesFor, against);
    }

    private void Merge(int bucket, VoteBucketTally tally)
    {
        if (!_tallies.TryGetValue(bucket, out var known) || tally.Voters > known.Voters) _tallies[bucket] = tally;
    }

    private StoredProposal RequireProposal() =>
        state.State.Proposal ?? throw OpenLedgerException.NotFound("proposal.not_found", $"There is no proposal '{Id}'.");

    private OpenLedgerException NoStake() => OpenLedgerException.Forbidden("proposal.no_stake", "Only a staker can make a proposal.");

    private static string Name(ProposalState s) => s.ToString().ToLowerInvariant();
}

/// <summary>A proposal's stored state: its terms, which vote buckets hold votes, and the version it put in force (0 = none yet).</summary>
[GenerateSerializer]
public sealed class ProposalGrainState
{
    [Id(0)] public StoredProposal? Proposal { get; set; }
    [Id(1)] public byte[] VoteBuckets { get; set; } = new byte[StakeIndex.BucketCount / 8];
    [Id(2)] public int ExecutedVersion { get; set; }

    public bool HasVotes(int bucket) => (VoteBuckets[bucket >> 3] & (1 << (bucket & 7))) != 0;

    public void MarkVotes(int bucket) => VoteBuckets[bucket >> 3] |= (byte)(1 << (bucket & 7));
}

/// <summary>A proposal's terms as decided when it was made (times, totals, quorum and cap from the rules then) and its snapshot's key.</summary>
[GenerateSerializer]
public sealed record StoredProposal(
    [property: Id(0)] string Proposer,
    [property: Id(1)] GovernanceParameters Proposed,
    [property: Id(2)] int BaseVersion,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] DateTimeOffset VotingStartsAt,
    [property: Id(5)] DateTimeOffset VotingEndsAt,
    [property: Id(6)] DateTimeOffset ExecutableAt,
    [property: Id(7)] long TotalStake,
    [property: Id(8)] int StakerCount,
    [property: Id(9)] long Quorum,
    [property: Id(10)] long VoterCap,
    [property: Id(11)] string SnapshotKey)
{
    public static StoredProposal Of(Proposal p, string snapshotKey) => new(p.Proposer, p.Proposed.ToContract(), p.BaseVersion, p.CreatedAt,
        p.VotingStartsAt, p.VotingEndsAt, p.ExecutableAt, p.TotalStake, p.StakerCount, p.Quorum, p.VoterCap, snapshotKey);

    public Proposal ToDomain(string id) => new(id, Proposer, Proposed.ToDomain(), BaseVersion, CreatedAt, VotingStartsAt, VotingEndsAt,
        ExecutableAt, TotalStake, StakerCount, Quorum, VoterCap);
}
