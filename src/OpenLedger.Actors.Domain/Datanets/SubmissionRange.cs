namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>
/// One submission as a Datanet indexes it: a contiguous range of row ids, its contributor, the content-addressed chunk
/// holding its features and labels, and (when some rows nearly repeat earlier ones) the artifact mapping them to the
/// rows they repeat. <see cref="Round"/> is the curation round it arrived in (versions published before it, plus one).
/// </summary>
public sealed record SubmissionRange(
    string Id,
    string Contributor,
    string ChunkKey,
    long FirstRowId,
    int RowCount,
    DateTimeOffset SubmittedAt,
    int Round,
    string? DuplicatesKey = null)
{
    public long LastRowId => FirstRowId + RowCount - 1;

    public bool Holds(long rowId) => rowId >= FirstRowId && rowId <= LastRowId;
}
