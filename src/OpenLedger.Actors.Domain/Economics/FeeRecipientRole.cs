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
    /// <summary>The curators' parts of a split with more recipients than a transfer may pay, held by the Datanet's curator pool until settled.</summary>
    CuratorPool = 6,
    /// <summary>The contributor parts beyond a transfer's recipient cap, held by the receipt's contributor pool until settled.</summary>
    ContributorPool = 7,
}
