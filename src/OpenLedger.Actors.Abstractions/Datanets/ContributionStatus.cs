namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>A row's review status. Duplicate and Adversarial rows are final and count as rejected.</summary>
public enum ContributionStatus
{
    Pending = 0,
    Approved = 1,
    Rejected = 2,
    /// <summary>A near-duplicate of an earlier row (the earlier row's contributor keeps the credit); final, never approved.</summary>
    Duplicate = 3,
    /// <summary>Rejected by a curator as adversarial (e.g. flipped labels); final, and its contributor was penalised.</summary>
    Adversarial = 4,
}
