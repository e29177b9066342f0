namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>A contribution as the Datanet keeps it. <paramref name="ContentHash"/> is computed server-side;
/// <paramref name="DuplicateOfRowId"/> names the earlier row a <see cref="ContributionStatus.Duplicate"/> row nearly repeats;
/// <paramref name="LabelPlausibility"/> is the share (0–1) of its nearest earlier rows with the same label, when judged.</summary>
[GenerateSerializer, Immutable, Alias("openledger.contribution")]
public sealed record ContributionRecord(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] long RowId,
    [property: Id(2)] string Contributor,
    [property: Id(3)] string ContentHash,
    [property: Id(4)] int Label,
    [property: Id(5)] ContributionStatus Status,
    [property: Id(6)] DateTimeOffset SubmittedAt,
    [property: Id(7)] string SubmissionId,
    [property: Id(8)] long? DuplicateOfRowId = null,
    [property: Id(9)] double? LabelPlausibility = null);
