namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>What a submission produced: one record per row, in the order submitted.</summary>
[GenerateSerializer, Immutable, Alias("openledger.submission-receipt")]
public sealed record SubmissionReceipt(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] string SubmissionId,
    [property: Id(2)] IReadOnlyList<ContributionRecord> Rows);
