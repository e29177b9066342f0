namespace OpenLedger.Actors.Domain.Ledger.Checkpoints;

/// <summary>The parts of a ledger checkpoint, each a list of pages, restored in this order.</summary>
public enum CheckpointSection : byte
{
    /// <summary>Every account with a balance or a registration (rewritten whole by each checkpoint).</summary>
    Accounts = 1,

    /// <summary>Pending transfers that ended (posted, voided, expired), as runs sorted by id: each checkpoint adds a run of those that ended since the last.</summary>
    ResolvedHolds = 2,

    /// <summary>Open pending transfers (rewritten whole by each checkpoint; what they reserve is derived from them).</summary>
    OpenHolds = 3,

    /// <summary>Used transfer ids and their bodies' fingerprints, as runs sorted by id hash: each checkpoint adds a run of those used since the last.</summary>
    TransferIds = 4,

    /// <summary>Statement lines, as runs sorted by account hash and line: each checkpoint adds a run of those recorded since the last.</summary>
    StatementLines = 5,
}

/// <summary>
/// One entry of a checkpoint section: an artifact named by the SHA-256 of its bytes, holding <paramref name="Items"/>
/// items — a page (accounts, open pending transfers) or the summary of a sorted run (the append-only sections).
/// </summary>
public sealed record CheckpointPage(string Key, int Items);

/// <summary>
/// A checkpoint of a ledger partition: the state that replaying journal records 0…<see cref="Position"/>−1 rebuilds,
/// where record <see cref="Position"/>−1 has hash <see cref="HeadHash"/>. Stored as an artifact named by the SHA-256
/// of its encoding (its checksum); it lists its pages by their keys, so one key vouches for every byte. The
/// append-only sections (ids, statement lines, ended pending transfers) reuse the runs of the checkpoint before and
/// add a run for what is new (merging runs as <see cref="Archive.ArchiveRuns"/> says); accounts and open pending
/// transfers are written whole.
/// </summary>
public sealed record CheckpointManifest(
    long Position,
    string HeadHash,
    DateTimeOffset TakenAt,
    long TransferCount,
    long PostingCount,
    IReadOnlyDictionary<CheckpointSection, IReadOnlyList<CheckpointPage>> Sections)
{
    public IReadOnlyList<CheckpointPage> Pages(CheckpointSection section) => Sections.GetValueOrDefault(section) ?? [];

    public int PageCount => Sections.Values.Sum(pages => pages.Count);

    /// <summary>Whether <paramref name="section"/> is stored as sorted runs (the append-only sections) rather than pages.</summary>
    public static bool IsArchived(CheckpointSection section) => section is CheckpointSection.ResolvedHolds or CheckpointSection.TransferIds or CheckpointSection.StatementLines;
}
