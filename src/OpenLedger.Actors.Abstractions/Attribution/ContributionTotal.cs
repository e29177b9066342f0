namespace OpenLedger.Actors.Abstractions.Attribution;

/// <summary>Influence accumulated by one contributed row over the inferences recorded so far.</summary>
[GenerateSerializer, Immutable, Alias("openledger.contribution-total")]
public sealed record ContributionTotal(
    [property: Id(0)] long RowId,
    [property: Id(1)] string Contributor,
    [property: Id(2)] double TotalScore,
    [property: Id(3)] int InferenceCount);
