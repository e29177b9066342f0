using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLedger.Actors.Benchmarks;

/// <summary>
/// The quick mode: each case timed with a few warm-up runs and then repeated runs (median reported), one JSON
/// line per case on stdout, and the same computation in numpy (numpy_scan.py, /usr/bin/python3) in the same
/// run so the ratio project ÷ numpy compares like with like on this machine at this moment. The peer runs at full
/// strength: numpy's process gets no OPENBLAS_CORETYPE / OPENBLAS_L2_SIZE (this process keeps them), so OpenBLAS
/// picks its own kernel for the CPU (named in the numpy-blas line), and its figure is the fastest of several
/// formulations. The memory floor — one pass over the same N × D matrix (numpy's <c>X @ v</c>) — is timed too.
/// </summary>
internal static class QuickRun
{
    public static int Run(int rows, int width, int classes, int repetitions)
    {
        var numpy = RunNumpy(rows, width, classes, repetitions);
        var exit = 0;
        var kernelMs = new Dictionary<int, (double Single, double Half)>();
        foreach (var queries in new[] { 1, 64 })
        {
            var workload = new ScanWorkload(rows, width, classes, queries);
            var error = workload.MaxRelativeError();
            var halfError = workload.MaxRelativeError(half: true);
            var kernel = Time(workload.RunKernel, repetitions);
            var halfKernel = Time(workload.RunHalfKernel, repetitions);
            var baseline = Time(workload.RunDotLoop, Math.Max(3, repetitions / 4));
            var line = new JsonObject
            {
                ["case"] = $"influence-scan-{queries}q",
                ["rows"] = rows,
                ["width"] = width,
                ["classes"] = classes,
                ["queries"] = queries,
                ["threads"] = Environment.ProcessorCount,
                ["kernel_median_ms"] = Round(kernel),
                ["dot_loop_median_ms"] = Round(baseline),
                ["kernel_vs_dot_loop"] = Round(kernel / baseline, 3),
                ["max_relative_error_vs_double"] = error,
                ["half_storage_median_ms"] = Round(halfKernel),
                ["half_storage_max_relative_error_vs_double"] = halfError,
                ["bytes_per_row_single"] = workload.Matrix.Bytes / (double)rows,
                ["bytes_per_row_half"] = workload.HalfMatrix.Bytes / (double)rows,
            };
            kernelMs[queries] = (kernel, halfKernel);
            if (numpy.TryGetValue(queries, out var numpyMs))
            {
                line["numpy_best_median_ms"] = Round(numpyMs);
                line["numpy_best_formulation"] = NumpyBest.GetValueOrDefault(queries);
                line["numpy_blas_kernel"] = NumpyKernel;
                line["ratio_project_over_numpy_best"] = Round(kernel / numpyMs, 3);
                line["ratio_half_storage_over_numpy_best"] = Round(halfKernel / numpyMs, 3);
                if (queries == 1 && numpy.TryGetValue(MemoryFloorKey, out var floorMs))
                {
                    line["numpy_memory_floor_ms"] = Round(floorMs);
                    line["ratio_project_over_memory_floor"] = Round(kernel / floorMs, 3);
                }
            }
            else
            {
                line["numpy"] = "skipped: " + (numpy.Count == 0 ? NumpyProblem : "no result for this case");
            }
            Console.WriteLine(line.ToJsonString());
            if (!(error <= MaxRelativeError) || !(halfError <= MaxHalfRelativeError))
            {
                Console.Error.WriteLine($"influence-scan-{queries}q: relative error {error:E2} (half {halfError:E2}) exceeds {MaxRelativeError:E0} (half {MaxHalfRelativeError:E0})");
                exit = 1;
            }
        }
        Console.WriteLine(new JsonObject
        {
            ["case"] = "goals",
            ["batch_64q_le_0_9x_numpy_best"] = numpy.TryGetValue(64, out var n64) ? Verdict(kernelMs[64].Single / n64 <= 0.9) : "unmeasured",
            ["single_query_le_1_3x_memory_floor"] = numpy.TryGetValue(MemoryFloorKey, out var floor) ? Verdict(kernelMs[1].Single / floor <= 1.3) : "unmeasured",
            ["half_single_query_below_single"] = Verdict(kernelMs[1].Half < kernelMs[1].Single),
        }.ToJsonString());
        return exit;
    }

    private static string Verdict(bool met) => met ? "met" : "not met";

    /// <summary>Key of numpy's memory-floor figure in <see cref="RunNumpy"/>'s result.</summary>
    private const int MemoryFloorKey = -1;

    private static readonly Dictionary<int, string> NumpyBest = [];

    private static string NumpyKernel = "unknown";

    /// <summary>A float kernel off by more than this against the double reference is broken, not imprecise.</summary>
    private const double MaxRelativeError = 1e-4;

    /// <summary>Half storage rounds each value by up to 2⁻¹¹ relative; more than 1e-2 of the largest score means a bug.</summary>
    private const double MaxHalfRelativeError = 1e-2;

    private static string NumpyProblem = "numpy not run";

    private static double Time(Action action, int repetitions)
    {
        action();
        action();
        var samples = new double[repetitions];
        for (var r = 0; r < repetitions; r++)
        {
            var started = Stopwatch.GetTimestamp();
            action();
            samples[r] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }
        Array.Sort(samples);
        return samples[repetitions / 2];
    }

    private static double Round(double value, int digits = 2) => Math.Round(value, digits);

    /// <summary>Runs numpy_scan.py; returns median ms per query count, or nothing (with the reason) when numpy is missing.</summary>
    private static Dictionary<int, double> RunNumpy(int rows, int width, int classes, int repetitions)
    {
        var results = new Dictionary<int, double>();
        var script = Path.Combine(AppContext.BaseDirectory, "numpy_scan.py");
        var python = File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList = { script, "--rows", rows.ToString(CultureInfo.InvariantCulture), "--width", width.ToString(CultureInfo.InvariantCulture),
                "--classes", classes.ToString(CultureInfo.InvariantCulture), "--repetitions", repetitions.ToString(CultureInfo.InvariantCulture) },
        };
        // The peer at full strength: OpenBLAS chooses its kernel for this CPU (the machine's settings stay in this process).
        start.Environment.Remove("OPENBLAS_CORETYPE");
        start.Environment.Remove("OPENBLAS_L2_SIZE");
        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEnd();
            var stderr = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                NumpyProblem = $"numpy_scan.py exited {process.ExitCode}: {stderr.Trim()}";
                Console.Error.WriteLine($"numpy comparison skipped: {NumpyProblem}");
                return results;
            }
            foreach (var json in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Console.WriteLine(json); // numpy's own line, for the record
                var node = JsonNode.Parse(json)!;
                switch (node["case"]!.GetValue<string>())
                {
                    case "numpy-blas":
                        NumpyKernel = $"{node["library"]} {node["version"]} {node["kernel"]}, {node["threads"]} threads";
                        break;
                    case "numpy-memory-floor":
                        results[MemoryFloorKey] = node["median_ms"]!.GetValue<double>();
                        break;
                    default:
                        var queries = node["queries"]!.GetValue<int>();
                        results[queries] = node["median_ms"]!.GetValue<double>();
                        NumpyBest[queries] = node["best"]!.GetValue<string>();
                        break;
                }
            }
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or JsonException)
        {
            NumpyProblem = $"could not run {python}: {e.Message}";
            Console.Error.WriteLine($"numpy comparison skipped: {NumpyProblem}");
        }
        return results;
    }
}
