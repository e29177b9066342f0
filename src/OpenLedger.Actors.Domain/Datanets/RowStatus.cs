namespace OpenLedger.Actors.Domain.Datanets;

/// <summary>
/// A row's review status, one byte per row (the same values as the public <c>ContributionStatus</c>). Pending rows may
/// be approved or rejected, and approved/rejected rows re-reviewed; Duplicate and Adversarial are final.
/// </summary>
public enum RowStatus : byte
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    Duplicate = 3,
    Adversarial = 4,
}

public static class RowStatuses
{
    public const int Count = 5;

    /// <summary>Final statuses are never changed by a review.</summary>
    public static bool IsFinal(this RowStatus status) => status is RowStatus.Duplicate or RowStatus.Adversarial;

    /// <summary>Whether a row counts as rejected for acceptance (duplicates and adversarial rows do).</summary>
    public static bool CountsAsRejected(this RowStatus status) => status is RowStatus.Rejected or RowStatus.Duplicate or RowStatus.Adversarial;

    /// <summary>Rows that other rows may duplicate, and that vouch for labels: pending and approved ones.</summary>
    public static bool IsLive(this RowStatus status) => status is RowStatus.Pending or RowStatus.Approved;
}
