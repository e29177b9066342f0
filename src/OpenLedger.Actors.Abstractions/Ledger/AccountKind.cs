namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>What a ledger account is for (mirrors the domain's kinds by name and value).</summary>
public enum AccountKind
{
    /// <summary>Created by its first credit; not registered yet, so it cannot claim.</summary>
    Implicit = 0,
    Contributor = 1,
    ModelOwner = 2,
    /// <summary>A Datanet curator or staker.</summary>
    Curator = 3,
    /// <summary>An agent platform's pre-funded account that inference fees debit.</summary>
    Payer = 4,
}
