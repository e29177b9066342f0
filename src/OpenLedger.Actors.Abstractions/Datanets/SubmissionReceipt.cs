namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>
/// What a submission produced: one record per row, in the order submitted, and its validation score — the mean label
/// plausibility of its rows (the share of each row's nearest existing rows that carry its label), or null while the
/// Datanet holds too few rows to judge. Curators use it to find flipped labels.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.submission-receipt")]
public sealed record SubmissionReceipt(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] string SubmissionId,
    [property: Id(2)] IReadOnlyList<ContributionRecord> Rows,
    [property: Id(3)] double? ValidationScore = null);
