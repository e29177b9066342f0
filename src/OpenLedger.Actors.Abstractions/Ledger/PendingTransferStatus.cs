namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>Where a pending transfer is (mirrors the domain's <c>PendingStatus</c> by name and value).</summary>
public enum PendingTransferStatus
{
    Pending = 0,
    Posted = 1,
    Voided = 2,
    /// <summary>Its timeout passed before a post or void: the ledger voided it.</summary>
    Expired = 3,
}
