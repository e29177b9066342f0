using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet's persisted state: metadata, one compact entry per row (features live in submission-chunk
/// artifacts), submissions by id (for idempotency) and the published versions.
/// </summary>
[GenerateSerializer]
public sealed class DatanetState
{
    [Id(0)] public string? Owner { get; set; }
    [Id(1)] public DatanetMetadata? Metadata { get; set; }
    [Id(2)] public List<string> Curators { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<DatanetRow> Rows { get; set; } = [];
    [Id(5)] public Dictionary<string, DatanetSubmission> Submissions { get; set; } = new(StringComparer.Ordinal);
    [Id(6)] public List<DatanetVersionInfo> Versions { get; set; } = [];

    public bool IsCreated => Owner is not null;
}

/// <summary>One row's index entry. Row ids are dense: the row with id n is <c>Rows[n - 1]</c>.</summary>
[GenerateSerializer]
public sealed class DatanetRow
{
    [Id(0)] public long RowId { get; set; }
    [Id(1)] public string Contributor { get; set; } = "";
    [Id(2)] public string ContentHash { get; set; } = "";
    [Id(3)] public int Label { get; set; }
    [Id(4)] public ContributionStatus Status { get; set; }
    [Id(5)] public DateTimeOffset SubmittedAt { get; set; }
    [Id(6)] public string SubmissionId { get; set; } = "";
    [Id(7)] public int IndexInChunk { get; set; }
}

[GenerateSerializer]
public sealed class DatanetSubmission
{
    [Id(0)] public string Contributor { get; set; } = "";
    [Id(1)] public string ChunkKey { get; set; } = "";
    [Id(2)] public long FirstRowId { get; set; }
    [Id(3)] public int RowCount { get; set; }
}
