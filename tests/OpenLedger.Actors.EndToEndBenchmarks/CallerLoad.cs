using System.Diagnostics;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// What a timed load measured: how many calls, the wall time, each call's latency, and the CPU time the whole process
/// (client, silos, storage in memory) used meanwhile.
/// </summary>
internal sealed record LoadResult(int Calls, TimeSpan Elapsed, double[] Milliseconds, TimeSpan Cpu)
{
    public double PerSecond => Calls / Elapsed.TotalSeconds;

    /// <summary>Process CPU per call, in microseconds: what one call costs, whatever else the machine runs.</summary>
    public double CpuMicrosecondsPerCall => Cpu.TotalMicroseconds / Calls;

    /// <summary>Two runs of the same load as one: their calls, their wall and CPU times added, all latencies.</summary>
    public LoadResult And(LoadResult other) => new(Calls + other.Calls, Elapsed + other.Elapsed, [.. Milliseconds, .. other.Milliseconds], Cpu + other.Cpu);

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    /// <summary>Nearest-rank percentile of the call latencies.</summary>
    public double Percentile(double percent)
    {
        var sorted = Milliseconds.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}

/// <summary>
/// <c>callers</c> concurrent callers take call numbers 0 … count − 1 in turn until none are left, each awaiting its call
/// before taking the next: the load an agent platform with that many requests in flight puts on the cluster.
/// </summary>
internal static class CallerLoad
{
    public static async Task<LoadResult> RunAsync(int count, int callers, Func<int, Task> call)
    {
        var next = -1;
        var times = new double[count];
        var cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                var begun = Stopwatch.GetTimestamp();
                await call(i);
                times[i] = Stopwatch.GetElapsedTime(begun).TotalMilliseconds;
            }
        })));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new LoadResult(count, elapsed, times, Process.GetCurrentProcess().TotalProcessorTime - cpuAtStart);
    }
}
