namespace OpenLedger.Actors.Abstractions.Contributors;

/// <summary>
/// One submission a contributor made to a Datanet: rows <paramref name="FirstRowId"/> to
/// <c>FirstRowId + RowCount − 1</c>. Per-row details (hash, label, status) are listed by the Datanet.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.contributed-rows")]
public sealed record ContributedRows(
    [property: Id(0)] string DatanetId,
    [property: Id(1)] string SubmissionId,
    [property: Id(2)] long FirstRowId,
    [property: Id(3)] int RowCount);
