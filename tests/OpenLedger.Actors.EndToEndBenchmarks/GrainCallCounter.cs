using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// Counts what silo code does per inference: every grain call a silo makes (an outgoing call filter on each silo, keyed
/// by interface and method — grain-to-grain calls, grain services, the reminder service) and every grain state write
/// (Orleans' storage write-latency instrument, one measurement per write, keyed by its tags). <see cref="Reset"/> before
/// a timed run, <see cref="Snapshot"/> after. One counter per process: the cases run one after another.
/// </summary>
internal sealed class GrainCallCounter : IOutgoingGrainCallFilter
{
    private static readonly ConcurrentDictionary<string, long> Calls = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, long> Writes = new(StringComparer.Ordinal);
    private static readonly MeterListener Listener = StartListening();

    public async Task Invoke(IOutgoingGrainCallContext context)
    {
        Calls.AddOrUpdate($"{Short(context.InterfaceName)}.{context.MethodName}", 1, (_, n) => n + 1);
        await context.Invoke();
    }

    public static void Reset()
    {
        _ = Listener;
        Calls.Clear();
        Writes.Clear();
    }

    /// <summary>Calls and state writes since the last reset, each divided by <paramref name="per"/>, largest first.</summary>
    public static (double Calls, double Writes, IReadOnlyList<(string What, double PerInference)> Breakdown) Snapshot(int per)
    {
        var calls = Calls.ToArray();
        var writes = Writes.ToArray();
        var breakdown = calls.Select(c => (What: c.Key, PerInference: (double)c.Value / per))
            .Concat(writes.Select(w => (What: $"state write {w.Key}", PerInference: (double)w.Value / per)))
            .OrderByDescending(b => b.PerInference).ToList();
        return (calls.Sum(c => c.Value) / (double)per, writes.Sum(w => w.Value) / (double)per, breakdown);
    }

    private static string Short(string interfaceName) => interfaceName[(interfaceName.LastIndexOf('.') + 1)..];

    private static MeterListener StartListening()
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Name.Contains("storage", StringComparison.OrdinalIgnoreCase) && instrument.Name.Contains("write", StringComparison.OrdinalIgnoreCase)
                    && instrument.Name.Contains("latency", StringComparison.OrdinalIgnoreCase))
                    l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<double>((_, _, tags, _) => Writes.AddOrUpdate(Describe(tags), 1, (_, n) => n + 1));
        listener.Start();
        return listener;
    }

    private static string Describe(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
            if (tag.Key.Contains("type", StringComparison.OrdinalIgnoreCase)) return $"{tag.Value}";
        return tags.Length == 0 ? "(untagged)" : string.Join(",", tags.ToArray().Select(t => $"{t.Key}={t.Value}"));
    }
}
