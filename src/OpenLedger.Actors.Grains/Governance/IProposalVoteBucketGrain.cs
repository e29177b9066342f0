using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Governance;

/// <summary>
/// The votes on one proposal of the voters in one stake-index bucket (key <see cref="KeyOf"/>), weighed from that
/// bucket's part of the proposal's stake snapshot. Internal: only the proposal grain calls it.
/// </summary>
[Alias("openledger.IProposalVoteBucketGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IProposalVoteBucketGrain : IGrainWithStringKey
{
    /// <summary>Records the vote (the same vote again is a no-op, a different one a conflict) and answers the bucket's tally.</summary>
    [Alias("cast")] Task<VoteBucketTally> CastAsync(VoteCast vote);

    [Alias("tally"), ReadOnly] Task<VoteBucketTally> GetTallyAsync();

    /// <summary>Proposal ids cannot hold '|'.</summary>
    public static string KeyOf(string proposalId, int bucket) => $"{proposalId}|{bucket}";
}

/// <summary>A vote with the proposal terms the bucket needs to judge it.</summary>
[GenerateSerializer, Immutable, Alias("openledger.vote-cast")]
public sealed record VoteCast(
    [property: Id(0)] string Voter,
    [property: Id(1)] bool Support,
    [property: Id(2)] string SnapshotKey,
    [property: Id(3)] long VoterCap,
    [property: Id(4)] DateTimeOffset VotingStartsAt,
    [property: Id(5)] DateTimeOffset VotingEndsAt);

/// <summary>A bucket's capped weights for and against, and how many voted (grows with every vote, so the larger count is the newer tally).</summary>
[GenerateSerializer, Immutable, Alias("openledger.vote-bucket-tally")]
public sealed record VoteBucketTally([property: Id(0)] long For, [property: Id(1)] long Against, [property: Id(2)] int Voters)
{
    public static VoteBucketTally Empty { get; } = new(0, 0, 0);
}
