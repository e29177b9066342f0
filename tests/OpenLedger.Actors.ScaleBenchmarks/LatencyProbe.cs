using System.Diagnostics;
using OpenLedger.Actors.Domain.Attribution;

namespace OpenLedger.Actors.ScaleBenchmarks;

/// <summary>Per-inference latency of an attribution scanner driven as the attribution grain drives it (through a <see cref="QueryBatcher"/>).</summary>
internal static class LatencyProbe
{
    public const int TopK = 10;

    /// <summary>One query at a time: the time from submitting a query to its merged top-k (prepare, scan, merge).</summary>
    public static async Task<double> OneAsync(QueryBatcher batcher, double[] query)
    {
        var started = Stopwatch.GetTimestamp();
        await batcher.AttributeAsync(query, null, TopK);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }

    /// <summary><paramref name="callers"/> concurrent callers share the queries (they batch into shared scans).</summary>
    public static async Task<(double[] Milliseconds, double QueriesPerSecond)> ConcurrentAsync(QueryBatcher batcher, IReadOnlyList<double[]> queries, int callers)
    {
        var next = -1;
        var times = new double[queries.Count];
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var q = Interlocked.Increment(ref next); q < queries.Count; q = Interlocked.Increment(ref next))
                times[q] = await OneAsync(batcher, queries[q]);
        })));
        return (times, queries.Count / Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Nearest-rank percentile.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
