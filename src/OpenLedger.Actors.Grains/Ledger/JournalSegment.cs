namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>
/// One durable group-commit batch of the ledger journal, stored as its own grain-state record
/// (<c>journal-{Sequence:D10}</c>): the journal grows by inserting records, never by rewriting one.
/// <para>
/// Layout and the Azure Table limits: a batch is one entity, written by one insert, so it is atomic without an
/// entity-group transaction (those allow ≤ 100 entities of one partition, ≤ 4 MiB). An entity holds at most
/// ~1 MiB (Orleans spreads the serialised state over 64 KiB properties), so a batch is closed at
/// <see cref="LedgerOptions.MaxBatchBytes"/> of estimated size as well as at <see cref="LedgerOptions.MaxBatchTransfers"/>.
/// Nothing relies on ETags or If-Match: a record is only ever inserted, and a second insert of the same
/// sequence number (a stale activation) fails with a conflict.
/// </para>
/// On replay, a batch's account registrations are applied before its transfers. That order gives the same
/// books as arrival order: a registration never depends on a transfer, and registering an account a credit
/// already created keeps its balance.
/// </summary>
[GenerateSerializer]
public sealed class JournalSegment
{
    [Id(0)] public long Sequence { get; set; }
    [Id(1)] public DateTimeOffset CommittedAt { get; set; }
    [Id(2)] public List<JournalTransfer> Transfers { get; set; } = [];
    [Id(3)] public List<JournalAccount> Accounts { get; set; } = [];

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

[GenerateSerializer]
public sealed class JournalAccount
{
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public int Kind { get; set; }
    [Id(2)] public string? OwnerAddress { get; set; }
    [Id(3)] public long CreditLimit { get; set; }
}
