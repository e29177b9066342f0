namespace OpenLedger.Actors.Domain.Economics;

/// <summary>Why an account receives part of an inference fee.</summary>
public enum FeeRecipientRole
{
    Protocol = 0,
    ModelOwner = 1,
    Curator = 2,
    Contributor = 3,
    /// <summary>The contributors' share of an inference that no training row influenced positively; kept by the protocol.</summary>
    UnattributedContributorShare = 4,
    /// <summary>The part of a penalised contributor's reward withheld by the reputation rules; kept by the protocol.</summary>
    WithheldContributorReward = 5,
}
