namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The ledger could not confirm that a write reached storage. The transfer may or may not have been
/// applied: retry with the same transfer id (the ledger then answers <c>exists</c> or applies it once).
/// </summary>
[GenerateSerializer, Alias("openledger.ledger-unavailable")]
public sealed class LedgerUnavailableException : Exception
{
    public LedgerUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
