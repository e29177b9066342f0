namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>What an account is for. Only <see cref="Implicit"/> accounts are created by the ledger itself.</summary>
public enum AccountKind
{
    /// <summary>Created by its first credit (e.g. a contributor paid before registering); can be registered later, once.</summary>
    Implicit = 0,
    Contributor = 1,
    ModelOwner = 2,
    /// <summary>A Datanet curator or staker.</summary>
    Curator = 3,
    /// <summary>An agent platform's pre-funded account that inference fees debit.</summary>
    Payer = 4,
}
