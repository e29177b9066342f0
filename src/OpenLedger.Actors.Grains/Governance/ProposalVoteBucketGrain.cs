using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Domain.Governance;
using OpenLedger.Actors.Grains.Staking;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// One proposal's votes from one stake-index bucket. Budget: one entry (voter ≤ 128 characters, choice, weight) per
/// voter of the bucket, and only stakers in the snapshot may vote, so it is never larger than the index bucket it mirrors
/// (512 KiB; see README, "Size budgets"). 50,000 votes on one proposal spread over 256 of these.
/// </summary>
public sealed class ProposalVoteBucketGrain(
    [PersistentState("proposal-votes", StorageNames.GrainState)] IPersistentState<VoteBucketState> state,
    IArtifactStore artifacts,
    TimeProvider clock) : Grain, IProposalVoteBucketGrain
{
    private Dictionary<string, long>? _snapshot;

    private int Bucket => int.Parse(this.GetPrimaryKeyString()[(this.GetPrimaryKeyString().LastIndexOf('|') + 1)..], System.Globalization.CultureInfo.InvariantCulture);

    public async Task<VoteBucketTally> CastAsync(VoteCast vote)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (StakeIndex.BucketOf(vote.Voter) != Bucket) throw new ArgumentException($"'{vote.Voter}' votes in bucket {StakeIndex.BucketOf(vote.Voter)}, not {Bucket}.", nameof(vote));
        if (state.State.Votes.TryGetValue(vote.Voter, out var earlier))
        {
            if (earlier.Support == vote.Support) return Tally();
            throw OpenLedgerException.Conflict("vote.already_cast", $"'{vote.Voter}' already voted {(earlier.Support ? "for" : "against")} this proposal.");
        }
        var now = clock.GetUtcNow();
        if (now < vote.VotingStartsAt || now >= vote.VotingEndsAt)
            throw OpenLedgerException.Validation("vote.not_open", $"This proposal takes votes from {vote.VotingStartsAt:O} until {vote.VotingEndsAt:O}.");
        _snapshot ??= await StakeSnapshotArtifact.LoadBucketAsync(artifacts, vote.SnapshotKey, Bucket);
        var stake = _snapshot.GetValueOrDefault(vote.Voter);
        if (stake <= 0) throw OpenLedgerException.Forbidden("vote.no_stake", $"'{vote.Voter}' held no stake when this proposal was made.");
        state.State.Votes[vote.Voter] = new CastVote(vote.Support, GovernanceBook.Weight(stake, vote.VoterCap));
        await state.WriteOrReloadAsync(this);
        return Tally();
    }

    public Task<VoteBucketTally> GetTallyAsync() => Task.FromResult(Tally());

    private VoteBucketTally Tally()
    {
        long votesFor = 0, against = 0;
        foreach (var vote in state.State.Votes.Values)
        {
            if (vote.Support) votesFor += vote.Weight;
            else against += vote.Weight;
        }
        return new VoteBucketTally(votesFor, against, state.State.Votes.Count);
    }
}

[GenerateSerializer]
public sealed class VoteBucketState
{
    [Id(0)] public Dictionary<string, CastVote> Votes { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer]
public sealed record CastVote([property: Id(0)] bool Support, [property: Id(1)] long Weight);
