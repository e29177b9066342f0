namespace OpenLedger.Actors.Domain.Ledger.Journal;

/// <summary>
/// One journal record's content: the entries of one group-commit batch, in the order they were accepted, numbered
/// <paramref name="Sequence"/> (0, 1, 2, … without gaps) and chained to the record before it by
/// <paramref name="PreviousHash"/> (<see cref="JournalChain.Genesis"/> for record 0).
/// </summary>
public sealed record JournalBatch(long Sequence, DateTimeOffset CommittedAt, string PreviousHash, IReadOnlyList<LedgerEntry> Entries);
