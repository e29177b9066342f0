using System.Runtime.InteropServices;

namespace OpenLedger.Actors.TextBenchmarks;

/// <summary>
/// The calling thread's CPU time with nanosecond resolution (clock_gettime(CLOCK_THREAD_CPUTIME_ID)); the process
/// counters .NET offers tick in 10 ms on Linux, too coarse for a millisecond trace. On a loaded machine it leaves out
/// the time the thread waited for a core.
/// </summary>
internal static partial class ThreadClock
{
    private const int ThreadCpuTimeClock = 3; // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    public static double Milliseconds()
    {
        if (ClockGetTime(ThreadCpuTimeClock, out var time) != 0) return double.NaN;
        return time.Seconds * 1e3 + time.Nanoseconds / 1e6;
    }
}
