using OpenLedger.Actors.Abstractions.Contributors;

namespace OpenLedger.Actors.Grains.Contributors;

/// <summary>
/// A contributor's profile head (budget 4 KiB, README "Size budgets"): display name, how many submissions it recorded
/// and their rows. The submissions (row-id ranges) live in append-only pages of
/// <see cref="IContributorSubmissionPageGrain.Size"/> (<see cref="IContributorSubmissionPageGrain"/>).
/// </summary>
[GenerateSerializer]
public sealed class ContributorState
{
    [Id(0)] public string? DisplayName { get; set; }
    /// <summary>Before pages: every submission in the head state. Moved to pages on activation, then empty.</summary>
    [Id(1)] public List<ContributedRows> Contributions { get; set; } = [];
    /// <summary>Submissions committed in the pages (a slot past it is uncommitted and written again).</summary>
    [Id(2)] public int SubmissionCount { get; set; }
    [Id(3)] public long RowCount { get; set; }
}
