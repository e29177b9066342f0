namespace OpenLedger.Actors.Abstractions.Contributors;

/// <summary>Points at one contributed row.</summary>
[GenerateSerializer, Immutable, Alias("openledger.contribution-ref")]
public sealed record ContributionRef([property: Id(0)] string DatanetId, [property: Id(1)] long RowId, [property: Id(2)] string ContentHash);
