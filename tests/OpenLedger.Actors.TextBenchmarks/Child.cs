using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.TextBenchmarks;

/// <summary>
/// One suffix-array build in a process of its own, so that its peak resident memory (VmHWM) belongs to that build
/// alone and no build inherits another's heap. The parent starts this same program with <c>--child BUILDER FILE</c>;
/// the child reads the token stream, builds, and prints one JSON object.
/// </summary>
internal static class Child
{
    public static JsonObject Start(string[] arguments)
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("No process path.");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = false, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(path) == "dotnet") start.ArgumentList.Add(Assembly.GetExecutingAssembly().Location);
        start.ArgumentList.Add("--child");
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the child process.");
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"Child {string.Join(' ', arguments)} exited with {process.ExitCode}: {output}");
        return JsonNode.Parse(output.Trim().Split('\n')[^1])!.AsObject();
    }

    public static int Run(string[] arguments)
    {
        var builder = arguments[0];
        ushort[] stream;
        using (var file = File.OpenRead(arguments[1]))
        {
            stream = GC.AllocateUninitializedArray<ushort>((int)(file.Length / sizeof(ushort)));
            file.ReadExactly(MemoryMarshal.AsBytes(stream.AsSpan()));
        }
        GC.Collect();
        var result = new JsonObject { ["builder"] = builder, ["input_tokens"] = stream.Length };
        var rssBefore = Status("VmRSS");
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var started = Stopwatch.GetTimestamp();
        var cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
        switch (builder)
        {
            case "sais":
            {
                var suffixArray = SuffixArrayBuilder.Build(stream);
                result["build_seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
                result["build_cpu_seconds"] = (Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalSeconds;
                result["peak_rss_bytes"] = Status("VmHWM");
                result["managed_allocated_bytes"] = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                var rows = Enumerable.Range(0, stream.Count(t => t == Gpt2TextTokenizer.Separator)).Select(r => (long)r).ToArray();
                var index = SuffixArrayIndex.FromStream(stream, rows, suffixArray);
                using var file = File.Create(arguments[2]);
                result["artifact_hash"] = SuffixArrayIndexFormat.Write(index, file);
                result["artifact_bytes"] = file.Length;
                break;
            }
            case "divsufsort-be16" or "divsufsort-dense":
            {
                var bytes = builder == "divsufsort-be16" ? Divsufsort.EncodeBigEndian16(stream) : Divsufsort.EncodeDense(stream);
                result["encode_seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
                result["input_bytes"] = bytes.Length;
                result["input_bytes_per_token"] = Math.Round(bytes.Length / (double)stream.Length, 3);
                rssBefore = Status("VmRSS");
                started = Stopwatch.GetTimestamp();
                cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
                Divsufsort.Build(bytes);
                result["build_seconds"] = Stopwatch.GetElapsedTime(started).TotalSeconds;
                result["build_cpu_seconds"] = (Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalSeconds;
                result["peak_rss_bytes"] = Status("VmHWM");
                break;
            }
            default:
                Console.Error.WriteLine($"Unknown builder {builder}.");
                return 2;
        }
        result["rss_before_build_bytes"] = rssBefore;
        Console.WriteLine(result.ToJsonString());
        return 0;
    }

    /// <summary>A size field of /proc/self/status, in bytes.</summary>
    private static long Status(string field)
    {
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (!line.StartsWith(field + ":", StringComparison.Ordinal)) continue;
            var kilobytes = long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            return kilobytes * 1024;
        }
        return -1;
    }
}
