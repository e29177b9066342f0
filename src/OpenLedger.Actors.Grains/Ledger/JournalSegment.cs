using OpenLedger.Actors.Domain.Ledger.Journal;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// One durable group-commit batch of the ledger journal, stored as its own grain-state record
/// (<c>journal-{Sequence:D10}</c>): the journal grows by inserting records, never by rewriting one.
/// <para>
/// The record holds the batch encoded by <see cref="JournalCodec"/> (<see cref="Payload"/>) and that encoding's
/// SHA-256 (<see cref="Hash"/>, its checksum). The encoding includes the previous record's hash, so the records form a
/// hash chain; the newest hash is also kept in <see cref="JournalHead"/>.
/// </para>
/// <para>
/// Size: a batch is one entity, written by one insert, so it is atomic without an entity-group transaction (those
/// allow ≤ 100 entities of one partition, ≤ 4 MiB). Orleans' Azure Table provider serialises this envelope with its
/// grain-storage serializer (Newtonsoft JSON: the payload becomes base64, 4 bytes per 3) and refuses more than
/// 15 × 64 KiB = 983,040 bytes before any I/O. <see cref="MaxPayloadBytes"/> is the payload that still fits with
/// <see cref="EnvelopeAllowance"/> bytes to spare for the JSON around it; a test writes a record of exactly that
/// payload to Azure Table storage (Azurite) through the real provider. Batches are closed on the payload's exact size
/// (<see cref="JournalCodec.SizeOf"/>), so no batch can exceed it.
/// </para>
/// Nothing relies on ETags or If-Match: a record is only ever inserted, and a second insert of the same sequence
/// number (a stale activation) fails with a conflict.
/// </summary>
[GenerateSerializer]
public sealed class JournalSegment
{
    /// <summary>What Orleans' Azure Table provider accepts for one grain state (15 properties of 64 KiB).</summary>
    public const int TableStateLimitBytes = 15 * 64 * 1024;

    /// <summary>Room left for the JSON envelope (type names, property names, sequence number, hash); it needs about 300 bytes.</summary>
    public const int EnvelopeAllowance = 8 * 1024;

    /// <summary>The largest payload a record may carry: base64 of it plus the envelope stays within <see cref="TableStateLimitBytes"/>.</summary>
    public const int MaxPayloadBytes = (TableStateLimitBytes - EnvelopeAllowance) / 4 * 3;

    [Id(0)] public long Sequence { get; set; }
    [Id(1)] public string Hash { get; set; } = "";
    [Id(2)] public byte[] Payload { get; set; } = [];

    public static string StateName(long sequence) => $"journal-{sequence:D10}";
}
