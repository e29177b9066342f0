using System.Globalization;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>The machine's 1-minute load average (Linux /proc/loadavg; null elsewhere): how busy the cores were around a case.</summary>
internal static class LoadAverage
{
    public static double? OneMinute()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
