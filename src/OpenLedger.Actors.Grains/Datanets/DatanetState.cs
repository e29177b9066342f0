using OpenLedger.Actors.Abstractions.Datanets;

namespace OpenLedger.Actors.Grains.Datanets;

/// <summary>
/// A Datanet's persisted head state, bounded by <see cref="Domain.Datanets.DatanetLimits"/> (budget in README, "Size
/// budgets"): per row only its review status and label plausibility (two bytes; at most 150,000 rows), today's quota
/// use of at most 512 contributors, at most 32 curators and invitations, the newest 16–271 versions (older ones in pages of
/// 256, <see cref="IDatanetVersionPageGrain"/>), 256 owed curation messages and the rejection record's entry count (the
/// entries in pages of 64, <see cref="IDatanetRejectionPageGrain"/>).
/// The submissions themselves (row ranges) live in append-only pages (<see cref="IDatanetSubmissionPageGrain"/>, 512
/// each): the head keeps only how many there are. Row ids are dense and assigned in submission order: row n is
/// <c>RowStatuses[n - 1]</c>.
/// </summary>
[GenerateSerializer]
public sealed class DatanetState
{
    [Id(0)] public string? Owner { get; set; }
    [Id(1)] public DatanetMetadata? Metadata { get; set; }
    /// <summary>The accounts that curate: the owner and the invited accounts that accepted.</summary>
    [Id(2)] public List<string> Curators { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Before submission pages: every submission in the head state. Moved to pages on activation, then empty.</summary>
    [Id(4)] public List<DatanetSubmission> Submissions { get; set; } = [];
    [Id(5)] public byte[] RowStatuses { get; set; } = [];
    /// <summary>The newest versions: numbers <see cref="PagedVersionCount"/> + 1 onwards (the older ones are in version pages).</summary>
    [Id(6)] public List<DatanetVersionInfo> Versions { get; set; } = [];
    /// <summary>Each contributor's use of today's quota (UTC day); older days are dropped.</summary>
    [Id(7)] public Dictionary<string, QuotaUsage> Quotas { get; set; } = new(StringComparer.Ordinal);
    /// <summary>Before submission pages: for each duplicate row, the earlier row it repeats. Moved to artifacts on activation, then empty.</summary>
    [Id(8)] public Dictionary<long, long> DuplicateOf { get; set; } = [];
    /// <summary>Review calls that changed something; numbers the review messages sent for them.</summary>
    [Id(9)] public long ReviewRounds { get; set; }
    /// <summary>Per row, its label plausibility when submitted in percent (0–100), or 255 (not assessed).</summary>
    [Id(10)] public byte[] RowPlausibility { get; set; } = [];
    /// <summary>Submissions recorded in the pages (slots beyond it are not committed: a crash between the page and this write).</summary>
    [Id(11)] public int SubmissionCount { get; set; }
    /// <summary>Accounts the owner invited to curate that have not accepted yet; they do not curate, earn or appear as curators.</summary>
    [Id(12)] public List<string> InvitedCurators { get; set; } = [];
    /// <summary>Curation messages owed to contributors' staking grains (the outbox), written with the change that caused them.</summary>
    [Id(13)] public List<OwedCurationMessage> Owed { get; set; } = [];
    /// <summary>Versions moved to version pages (a multiple of the page size): versions 1 … this number.</summary>
    [Id(14)] public int PagedVersionCount { get; set; }
    /// <summary>
    /// Entries committed in the rejection record (<see cref="IDatanetRejectionPageGrain"/>, 64 a page): entries 0 … this
    /// number − 1. The head holds only this count (8 bytes); slots past it are uncommitted.
    /// </summary>
    [Id(15)] public long RejectionCount { get; set; }

    public int VersionCount => PagedVersionCount + Versions.Count;

    public bool IsCreated => Owner is not null;
}

[GenerateSerializer]
public sealed record QuotaUsage([property: Id(0)] DateOnly Day, [property: Id(1)] int Rows, [property: Id(2)] long Bytes);

/// <summary>A stored <see cref="Domain.Datanets.OwedCuration"/>.</summary>
[GenerateSerializer]
public sealed record OwedCurationMessage(
    [property: Id(0)] int Kind,
    [property: Id(1)] string Id,
    [property: Id(2)] string Contributor,
    [property: Id(3)] long Accepted,
    [property: Id(4)] long Rejected,
    [property: Id(5)] string Reason);

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
    /// <summary>The curation round it arrived in (0 in submissions recorded before rounds were stored: derived from the versions).</summary>
    [Id(6)] public int Round { get; set; }
    /// <summary>The artifact mapping its duplicate rows to the rows they repeat (<see cref="Storage.DuplicateRows"/>), or null when none.</summary>
    [Id(7)] public string? DuplicatesKey { get; set; }
}
