namespace OpenLedger.Actors.Domain.Ledger;

/// <summary>Releases pending transfer <paramref name="PendingId"/>'s reservation without posting anything.</summary>
public sealed record VoidPendingTransfer(string Id, string PendingId) : TransferEntry(Id)
{
    public override string Fingerprint() => TransferFingerprint.Compute("void", null, PendingId, null, []);
}
