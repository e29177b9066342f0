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
}
