using BenchmarkDotNet.Running;
using OpenLedger.Actors.Benchmarks;

// --quick: N = 100,000, D = 256, C = 10, one JSON line per case, numpy in the same run.
// --smoke: the same at N = 10,000 and fewer repetitions (CI).  Anything else goes to BenchmarkDotNet.
if (args.Contains("--quick")) return QuickRun.Run(rows: 100_000, width: 256, classes: 10, repetitions: 15);
if (args.Contains("--smoke")) return QuickRun.Run(rows: 10_000, width: 256, classes: 10, repetitions: 5);
if (args.Contains("--probe"))
{
    var w = new ScanWorkload(20_000, 256, 10, int.Parse(args[1]));
    for (var rep = 0; rep < 5; rep++)
    {
        var t = System.Diagnostics.Stopwatch.StartNew();
        OpenLedger.Actors.Domain.Attribution.Scan.InfluenceScanKernel.Score(w.Matrix, w.Panel, w.Scores);
        var ms = t.Elapsed.TotalMilliseconds;
        Console.WriteLine($"1 thread: {ms:F1} ms, {2.0 * w.Rows * 256 * w.Panel.PaddedColumns / ms / 1e6:F1} GFLOP/s (padded)");
    }
    return 0;
}
BenchmarkSwitcher.FromAssembly(typeof(ScanBenchmarks).Assembly).Run(args);
return 0;
