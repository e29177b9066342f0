namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>A contribution as the Datanet keeps it. <paramref name="ContentHash"/> is computed server-side.</summary>
[GenerateSerializer, Immutable, Alias("openledger.contribution")]
public sealed record ContributionRecord(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] long RowId,
    [property: Id(2)] string Contributor,
    [property: Id(3)] string ContentHash,
    [property: Id(4)] int Label,
    [property: Id(5)] ContributionStatus Status,
    [property: Id(6)] DateTimeOffset SubmittedAt,
    [property: Id(7)] string SubmissionId);
