namespace OpenLedger.Actors.Abstractions.Staking;

/// <summary>
/// A contributor's visible standing: stake held (micro-units), penalty score, reviewed rows accepted and rejected,
/// reputation (accepted share of reviewed rows, 0–1) and the share of earned rewards currently paid (basis points).
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.contributor-standing")]
public sealed record ContributorStandingInfo(
    [property: Id(0)] string Account,
    [property: Id(1)] long Stake,
    [property: Id(2)] int Penalties,
    [property: Id(3)] long AcceptedRows,
    [property: Id(4)] long RejectedRows,
    [property: Id(5)] double Reputation,
    [property: Id(6)] int RewardRateBps,
    [property: Id(7)] long Slashed);
