namespace OpenLedger.Actors.Abstractions.Governance;

/// <summary>
/// The protocol parameters governance controls (the wire form of the domain's <c>ProtocolParameters</c>):
/// the fee split in basis points (sum 10,000), daily submission quotas per contributor and Datanet, the slashing
/// fraction, the penalty threshold above which rewards drop to <paramref name="PenalizedRewardBps"/>, the
/// near-duplicate cosine cutoff, the top-k paid per inference, the influence floor, the minimum stake to contribute, and
/// the postings one inference's fee transfer may hold (parts beyond go through pools; 0, as in versions stored before
/// the parameter existed, means the default of 32).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.governance-parameters")]
public sealed record GovernanceParameters(
    [property: Id(0)] int ProtocolBps,
    [property: Id(1)] int ModelOwnerBps,
    [property: Id(2)] int CuratorsBps,
    [property: Id(3)] int ContributorsBps,
    [property: Id(4)] int DailyRowQuota,
    [property: Id(5)] long DailyByteQuota,
    [property: Id(6)] int SlashingFractionBps,
    [property: Id(7)] double PenaltyThreshold,
    [property: Id(8)] int PenalizedRewardBps,
    [property: Id(9)] double DuplicateCosineCutoff,
    [property: Id(10)] int TopK,
    [property: Id(11)] double InfluenceFloor,
    [property: Id(12)] long MinimumStake,
    [property: Id(13)] int MaxModelParameters = 4_096,
    [property: Id(14)] double MinLambda = 1e-8,
    [property: Id(15)] double MaxLambda = 1e4,
    [property: Id(16)] int MaxRecipientsPerTransfer = 32);
