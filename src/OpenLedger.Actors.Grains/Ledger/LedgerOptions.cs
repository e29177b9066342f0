using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Ledger settings (configuration section <c>OpenLedger:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "OpenLedger:Ledger";

    /// <summary>The service key of the <see cref="TimeProvider"/> the ledger reads (pending transfers' timeouts); tests put a fake clock there.</summary>
    public const string ClockKey = "openledger.ledger-clock";

    /// <summary>How long an idle ledger waits for more writes before committing a batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FlushWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>
    /// At most this many writes (transfers, registrations, expiries) per durable batch. Owed credits delivered by other
    /// partitions do not count: only <see cref="MaxBatchBytes"/> bounds how many join a batch.
    /// </summary>
    [Range(1, 1_000)]
    public int MaxBatchTransfers { get; set; } = 200;

    /// <summary>
    /// At most this many bytes of encoded batch per journal record (exact, see <c>JournalCodec</c>). The upper end is
    /// what one Azure Table entity holds (<see cref="JournalSegment.MaxPayloadBytes"/>); the lower end still holds the
    /// largest transfer allowed (<c>LedgerLimits</c>).
    /// </summary>
    [Range(Domain.Ledger.LedgerLimits.MinRecordPayloadBytes, JournalSegment.MaxPayloadBytes)]
    public int MaxBatchBytes { get; set; } = 512 * 1024;

    /// <summary>
    /// A checkpoint of the book is taken once this many journal records were written since the last one (or
    /// <see cref="CheckpointEveryBytes"/>, whichever comes first): activation loads the newest checkpoint and replays at
    /// most about this many records.
    /// </summary>
    [Range(1, 1_000_000)]
    public int CheckpointEveryRecords { get; set; } = 128;

    /// <summary>A checkpoint is taken once this many bytes of journal records were written since the last one.</summary>
    [Range(64 * 1024, 1024 * 1024 * 1024)]
    public long CheckpointEveryBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>
    /// Bytes of archived checkpoint pages (ids, ended pending transfers, statement lines; 64 KiB each) the ledger keeps
    /// in memory, least recently used first out. Pages a call is using are kept until it is done.
    /// </summary>
    [Range(256 * 1024, 1024 * 1024 * 1024)]
    public long ArchiveCacheBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>How often the ledger voids pending transfers whose timeout has passed (a post or void arriving later does it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// How many times a journal or witness write whose outcome is unknown is checked and retried (same record, same
    /// bytes) before the ledger gives up, fails the waiting callers with <c>LedgerUnavailableException</c> and reloads.
    /// </summary>
    [Range(1, 20)]
    public int WriteAttempts { get; set; } = 5;

    /// <summary>The pause before the first retry of such a write; it doubles with each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:05")]
    public TimeSpan WriteRetryDelay { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>How long a ledger whose journal failed verification refuses calls before it deactivates and verifies again (after a repair).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan IntegrityRecheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many partitions a ledger is split into by account (<c>PartitionMap</c>). Part of the ledger's identity: set it
    /// before the first write and never change it. With 1 (the default) the ledger is one grain keyed by its id, as
    /// before partitions; with more, partition n is the grain <c>{ledgerId}:p{n}</c>, and callers send each write to
    /// the partition of its debited account.
    /// </summary>
    [Range(1, Domain.Ledger.Partitions.PartitionMap.MaxPartitions)]
    public int Partitions { get; set; } = 1;

    /// <summary>The EIP-712 chain id claims are signed under (1 = Ethereum mainnet).</summary>
    [Range(1, long.MaxValue)]
    public long ClaimChainId { get; set; } = 1;
}
