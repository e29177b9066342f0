namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// One durable group-commit batch of the ledger journal, stored as its own grain-state record
/// (<c>journal-{Sequence:D10}</c>) so the journal grows by appending records, never by rewriting one.
/// </summary>
[GenerateSerializer]
public sealed class JournalSegment
{
    [Id(0)] public long Sequence { get; set; }
    [Id(1)] public DateTimeOffset CommittedAt { get; set; }
    [Id(2)] public List<JournalTransfer> Transfers { get; set; } = [];

    public static string StateName(long sequence) => $"journal-{sequence:D10}";
}

[GenerateSerializer]
public sealed class JournalTransfer
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string? Reference { get; set; }
    [Id(2)] public List<JournalPosting> Postings { get; set; } = [];
}

[GenerateSerializer]
public sealed class JournalPosting
{
    [Id(0)] public string Debit { get; set; } = "";
    [Id(1)] public string Credit { get; set; } = "";
    [Id(2)] public long Amount { get; set; }
    [Id(3)] public string Code { get; set; } = "";
}
