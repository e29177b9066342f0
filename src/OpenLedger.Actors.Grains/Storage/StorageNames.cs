namespace OpenLedger.Actors.Grains.Storage;

/// <summary>Names of the Orleans storage providers the grains use.</summary>
public static class StorageNames
{
    /// <summary>Grain state: small mutable state (metadata, row index, session results, ledger journal).</summary>
    public const string GrainState = "openledger";
}
