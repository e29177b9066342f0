namespace OpenLedger.Actors.Abstractions.Contributors;

/// <summary>A contributor's account, how many rows it has contributed, and its posted ledger balance (micro-units).</summary>
[GenerateSerializer, Immutable, Alias("openledger.contributor-profile")]
public sealed record ContributorProfile(
    [property: Id(0)] string Account,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] int ContributionCount,
    [property: Id(3)] long Balance);
