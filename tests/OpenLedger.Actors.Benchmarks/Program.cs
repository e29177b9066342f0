using BenchmarkDotNet.Running;
using OpenLedger.Actors.Benchmarks;

// --quick: N = 100,000, D = 256, C = 10, one JSON line per case, numpy in the same run.
// --smoke: the same at N = 10,000 and fewer repetitions (CI).  Anything else goes to BenchmarkDotNet.
if (args.Contains("--quick")) return QuickRun.Run(rows: 100_000, width: 256, classes: 10, repetitions: 15);
if (args.Contains("--smoke")) return QuickRun.Run(rows: 10_000, width: 256, classes: 10, repetitions: 5);
BenchmarkSwitcher.FromAssembly(typeof(ScanBenchmarks).Assembly).Run(args);
return 0;
