using BenchmarkDotNet.Attributes;

namespace OpenLedger.Actors.Benchmarks;

/// <summary>BenchmarkDotNet view of the influence scan (N = 100,000, D = 256, C = 10): the kernel against the plain dot-product loop.</summary>
[MemoryDiagnoser]
public class ScanBenchmarks
{
    private ScanWorkload _workload = null!;

    [Params(1, 64)]
    public int Queries { get; set; }

    [GlobalSetup]
    public void Setup() => _workload = new ScanWorkload(100_000, 256, 10, Queries);

    [Benchmark(Baseline = true)]
    public void DotProductLoop() => _workload.RunDotLoop();

    [Benchmark]
    public void BlockedKernel() => _workload.RunKernel();

    [Benchmark]
    public void BlockedKernelHalfStorage() => _workload.RunHalfKernel();
}
