using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet's persisted state, kept small so one storage entity (≤ ~1 MiB) holds large Datanets:
/// per row only its review status (one byte); everything else about a row is either shared by its
/// submission (contributor, time) or derived from the submission's chunk artifact (features, label,
/// content hash). Row ids are dense and assigned in submission order: row n is
/// <c>RowStatuses[n - 1]</c> and belongs to the submission whose range holds n.
/// </summary>
[GenerateSerializer]
public sealed class DatanetState
{
    [Id(0)] public string? Owner { get; set; }
    [Id(1)] public DatanetMetadata? Metadata { get; set; }
    [Id(2)] public List<string> Curators { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<DatanetSubmission> Submissions { get; set; } = [];
    [Id(5)] public byte[] RowStatuses { get; set; } = [];
    [Id(6)] public List<DatanetVersionInfo> Versions { get; set; } = [];

    public bool IsCreated => Owner is not null;

    public long RowCount => RowStatuses.Length;

    public ContributionStatus Status(long rowId) => (ContributionStatus)RowStatuses[rowId - 1];
}

/// <summary>One submission: a contiguous range of row ids whose features and labels are one chunk artifact.</summary>
[GenerateSerializer]
public sealed class DatanetSubmission
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string Contributor { get; set; } = "";
    [Id(2)] public string ChunkKey { get; set; } = "";
    [Id(3)] public long FirstRowId { get; set; }
    [Id(4)] public int RowCount { get; set; }
    [Id(5)] public DateTimeOffset SubmittedAt { get; set; }

    public bool Holds(long rowId) => rowId >= FirstRowId && rowId < FirstRowId + RowCount;
}
