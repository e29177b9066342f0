using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Ledger settings (configuration section <c>OpenLedger:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "OpenLedger:Ledger";

    /// <summary>How long an idle ledger waits for more writes before committing a batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FlushWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>At most this many transfers and registrations per durable batch.</summary>
    [Range(1, 1_000)]
    public int MaxBatchTransfers { get; set; } = 200;

    /// <summary>
    /// At most this many estimated bytes per batch: one batch is one table entity, and an entity holds about 1 MiB.
    /// One transfer of the largest allowed size (1,000 postings of the longest ids) still fits.
    /// </summary>
    [Range(64 * 1024, 768 * 1024)]
    public int MaxBatchBytes { get; set; } = 512 * 1024;

    /// <summary>The EIP-712 chain id claims are signed under (1 = Ethereum mainnet).</summary>
    [Range(1, long.MaxValue)]
    public long ClaimChainId { get; set; } = 1;
}
