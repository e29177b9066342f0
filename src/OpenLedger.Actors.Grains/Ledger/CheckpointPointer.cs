namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Names a ledger checkpoint: the key of its manifest artifact, and the journal position it covers up to (exclusive).</summary>
public sealed record CheckpointPointer(string Key, long Position);
