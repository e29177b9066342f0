namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>
/// The limits that keep one Datanet's state inside its written budget (README, "Size budgets"): every list in it is
/// capped, and a write that would pass a cap is refused with a clear error instead of failing in storage.
/// </summary>
public sealed record DatanetLimits(
    int MaxRows = DatanetLimits.DefaultMaxRows,
    int MaxCurators = 32,
    int MaxInvitations = 32,
    int MaxVersions = int.MaxValue, // versions are paged (the head keeps the newest): no cap unless one is set
    int MaxQuotaContributorsPerDay = 512,
    int MaxReviewRows = 20_000,
    int MaxContributorsPerReview = 128,
    int MaxOwed = 256)
{
    /// <summary>2 bytes a row (status and label plausibility): 300 KB raw, ≈ 400 KB as stored (base64 in JSON).</summary>
    public const int DefaultMaxRows = 150_000;

    public static DatanetLimits Default { get; } = new();
}
