using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>Attribution settings (configuration section <c>OpenLedger:Attribution</c>).</summary>
public sealed class AttributionOptions
{
    public const string Section = "OpenLedger:Attribution";

    /// <summary>How often changed influence totals are written to grain storage (and always on deactivation).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan TotalsFlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>At most this many concurrent queries share one scan over the rows.</summary>
    [Range(1, 256)]
    public int MaxScanBatch { get; set; } = 64;

    /// <summary>
    /// A built-in model trained on more rows than this keeps its rows in shard grains of at most this many rows
    /// (rounded up to a multiple of 16), spread over the silos; at or below it, the attribution grain holds them.
    /// </summary>
    [Range(16, int.MaxValue)]
    public int RowsPerShard { get; set; } = 262_144;

    /// <summary>
    /// How long an attribution waits for an index that is being built (the training job builds it first; an activation
    /// after a restart builds it again) before answering <c>attribution.index_building</c> (503, retry).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:25")]
    public TimeSpan IndexWait { get; set; } = TimeSpan.FromSeconds(15);
}
