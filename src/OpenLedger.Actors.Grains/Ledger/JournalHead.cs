namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// The journal's head witness (grain-state record <c>journal-head</c>): the newest record every acknowledged write is
/// covered by, and its hash. It lives outside the journal, so that deleting records from the end of the journal — which
/// the hash chain alone cannot reveal — is detected at activation. A batch is acknowledged only once the witness covers
/// it; the witness is rewritten (not inserted) as the journal grows, so it is the one ledger record that uses an ETag.
/// </summary>
[GenerateSerializer]
public sealed class JournalHead
{
    public const string StateName = "journal-head";

    [Id(0)] public long Sequence { get; set; } = -1;
    [Id(1)] public string Hash { get; set; } = "";
    [Id(2)] public DateTimeOffset WrittenAt { get; set; }
}
