namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The journal's head witness (grain-state record <c>journal-head</c>): the newest record every acknowledged write is
/// covered by, and its hash. It lives outside the journal, so that deleting records from the end of the journal — which
/// the hash chain alone cannot reveal — is detected at activation. A batch is acknowledged only once the witness covers
/// it; the witness is rewritten (not inserted) as the journal grows, so it is the one ledger record that uses an ETag.
/// <para>
/// It also names the newest checkpoint (<see cref="CheckpointKey"/>, the key of its manifest artifact, covering records
/// 0…<see cref="CheckpointPosition"/>−1), so the pointer cannot be removed without removing the witness. Size: about
/// 400 bytes as Orleans stores it (two 64-character hashes, two numbers, a time) — fixed, whatever the history.
/// </para>
/// </summary>
[GenerateSerializer]
public sealed class JournalHead
{
    public const string StateName = "journal-head";

    [Id(0)] public long Sequence { get; set; } = -1;
    [Id(1)] public string Hash { get; set; } = "";
    [Id(2)] public DateTimeOffset WrittenAt { get; set; }
    [Id(3)] public string? CheckpointKey { get; set; }
    [Id(4)] public long CheckpointPosition { get; set; }
}
