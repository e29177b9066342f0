namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>Where a pending transfer is in its life: reserved, then exactly one of posted, voided or expired.</summary>
public enum PendingStatus
{
    Pending = 0,
    Posted = 1,
    Voided = 2,
    Expired = 3,
}
