using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Attribution;

/// <summary>Attribution settings (configuration section <c>OpenLedger:Attribution</c>).</summary>
public sealed class AttributionOptions
{
    public const string Section = "OpenLedger:Attribution";

    /// <summary>
    /// After this many delta pages of influence totals, the next write compacts them into a new base page (and deletes
    /// the old base and the deltas). Restoring reads at most the base and this many deltas.
    /// </summary>
    [Range(1, 256)]
    public int MaxTotalsDeltas { get; set; } = 32;

    /// <summary>
    /// The period recorded inference ids are filed under (by the inference's completion time): the ids of the newest two
    /// periods stay in memory (16-byte fingerprints, ≈ 40 bytes each with the set's overhead); older periods are read from
    /// their pages when a late delivery names them. Shorter periods hold less memory, longer ones fewer pages.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RecordedIdPeriod { get; set; } = TimeSpan.FromHours(1);

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
