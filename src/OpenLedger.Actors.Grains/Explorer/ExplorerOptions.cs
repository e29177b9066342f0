using System.ComponentModel.DataAnnotations;

namespace OpenLedger.Actors.Grains.Explorer;

/// <summary>Explorer read-model settings (configuration section <c>OpenLedger:Explorer</c>).</summary>
public sealed class ExplorerOptions
{
    public const string Section = "OpenLedger:Explorer";

    /// <summary>How often the catalog writes what changed (its state, feed pages, account histories); always on deactivation.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "01:00:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many of the newest inferences the catalog keeps in memory (the live feed).</summary>
    [Range(100, 100_000)]
    public int RecentInferences { get; set; } = 4_096;

    /// <summary>The period recorded inference ids are filed under (by completion time) to recognise repeats exactly: the
    /// newest two periods' ids stay in memory, older ones are read from their pages when a late repeat names them.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RecordedIdPeriod { get; set; } = TimeSpan.FromHours(1);
}
