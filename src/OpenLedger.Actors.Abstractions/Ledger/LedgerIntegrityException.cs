namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The ledger's journal failed verification (a record is missing, truncated, altered or out of order, or the head
/// witness does not match), so the ledger refuses to serve rather than answer from an older or altered history.
/// Retrying does not help: an operator must restore the journal. The message says which record failed and how.
/// </summary>
[GenerateSerializer, Alias("openledger.ledger-integrity")]
public sealed class LedgerIntegrityException : Exception
{
    public LedgerIntegrityException(string message, Exception? inner = null) : base(message, inner) { }
}
