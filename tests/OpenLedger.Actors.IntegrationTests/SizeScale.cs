using System.Diagnostics;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>How the size tests' cluster is shaped at each scale, and how they run their many operations.</summary>
internal static class SizeScale
{
    /// <summary>
    /// The small plan (in ./test.sh) runs on two silos, so its writes cross silos; the 10× plan runs on one, since the
    /// stored sizes it asserts do not depend on placement and on a shared two-core machine the second silo's messaging
    /// costs more than its work. Both write through the same grains to the same Azure Table provider.
    /// </summary>
    public static int Silos(bool full) => full ? 1 : 2;

    /// <summary>
    /// Runs <paramref name="count"/> operations, <paramref name="parallel"/> at a time. An operation whose answer did not
    /// arrive in time (a loaded machine) is retried, as a client would: every operation here is idempotent, and each
    /// retry is counted and reported. A refusal is never retried. Progress is written every tenth of a long run, so a
    /// run that fails shows how far it got.
    /// </summary>
    public static async Task RunAsync(ITestOutputHelper output, int count, int parallel, Func<int, Task> operation)
    {
        var clock = Stopwatch.StartNew();
        int retries = 0, done = 0, tenth = Math.Max(count / 10, 1);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = parallel }, async (i, _) =>
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    await operation(i);
                    break;
                }
                catch (Exception e) when (e is TimeoutException or TaskCanceledException && attempt < 5)
                {
                    Interlocked.Increment(ref retries);
                }
            }
            var finished = Interlocked.Increment(ref done);
            if (count >= 1_000 && finished % tenth == 0 && finished < count)
                output.WriteLine($"  {finished:N0} of {count:N0} in {clock.Elapsed.TotalSeconds:F1} s ({retries} retried)");
        });
        output.WriteLine($"{count:N0} operations in {clock.Elapsed.TotalSeconds:F1} s ({retries} retried after a timeout)");
    }
}
