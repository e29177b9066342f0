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
    /// <summary>Each contributor's use of today's quota (UTC day).</summary>
    [Id(7)] public Dictionary<string, QuotaUsage> Quotas { get; set; } = new(StringComparer.Ordinal);
    /// <summary>For each duplicate row, the earlier row it nearly repeats.</summary>
    [Id(8)] public Dictionary<long, long> DuplicateOf { get; set; } = [];
    /// <summary>Review calls that changed something; numbers the reputation updates sent for them.</summary>
    [Id(9)] public long ReviewRounds { get; set; }
    /// <summary>Per row, its label plausibility when submitted in percent (0–100), or <see cref="NotAssessed"/>.</summary>
    [Id(10)] public byte[] RowPlausibility { get; set; } = [];

    public const byte NotAssessed = 255;

    public double? Plausibility(long rowId) =>
        rowId <= RowPlausibility.Length && RowPlausibility[rowId - 1] != NotAssessed ? RowPlausibility[rowId - 1] / 100.0 : null;

    public bool IsCreated => Owner is not null;

    public long RowCount => RowStatuses.Length;

    public ContributionStatus Status(long rowId) => (ContributionStatus)RowStatuses[rowId - 1];
}

[GenerateSerializer]
public sealed record QuotaUsage([property: Id(0)] DateOnly Day, [property: Id(1)] int Rows, [property: Id(2)] long Bytes);

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
