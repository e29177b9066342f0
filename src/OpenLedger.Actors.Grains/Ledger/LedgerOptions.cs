using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>Group-commit settings of the ledger (configuration section <c>OpenLedger:Ledger</c>).</summary>
public sealed class LedgerOptions
{
    public const string Section = "OpenLedger:Ledger";

    /// <summary>How long an idle ledger waits for more transfers before writing a batch.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan FlushWindow { get; set; } = TimeSpan.FromMilliseconds(2);

    /// <summary>At most this many transfers per durable batch (one storage entity, kept well under 1 MiB).</summary>
    [Range(1, 1_000)]
    public int MaxBatchTransfers { get; set; } = 200;
}
