using System.Diagnostics.Metrics;
using System.Reflection;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// The names the OpenTelemetry Prometheus exporter gives the project's instruments: dots become underscores, the
/// unit is appended (<c>ms</c> → <c>milliseconds</c>; a <c>{…}</c> annotation is dropped; <c>/s</c> → <c>per_second</c>),
/// counters end in <c>_total</c>, histograms add <c>_bucket</c>/<c>_sum</c>/<c>_count</c>. The Prometheus test checks
/// this mapping against what a real Prometheus scraped.
/// </summary>
internal static class PrometheusNames
{
    public static IReadOnlyList<Instrument> ProjectInstruments { get; } = typeof(OpenLedgerTelemetry)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => typeof(Instrument).IsAssignableFrom(f.FieldType))
        .Select(f => (Instrument)f.GetValue(null)!)
        .ToList();

    /// <summary>The series name: <c>…_total</c> for a counter, the base name (before <c>_bucket</c> etc.) for a histogram.</summary>
    public static string Of(Instrument instrument)
    {
        var name = instrument.Name.Replace('.', '_').Replace('-', '_');
        var unit = Unit(instrument.Unit);
        if (unit.Length > 0 && !name.EndsWith("_" + unit, StringComparison.Ordinal)) name += "_" + unit;
        var isCounter = instrument.GetType().IsGenericType && instrument.GetType().GetGenericTypeDefinition() == typeof(Counter<>);
        return isCounter ? name + "_total" : name;
    }

    private static string Unit(string? unit)
    {
        if (string.IsNullOrEmpty(unit)) return "";
        var parts = unit.Split('/');
        string Word(string u) => u.StartsWith('{') ? "" : u switch { "ms" => "milliseconds", "s" => "seconds", _ => u.Replace('-', '_') };
        var words = parts.Length == 2 ? $"{Word(parts[0])}_per_{(parts[1] == "s" ? "second" : Word(parts[1]))}".Trim('_') : Word(unit);
        return words;
    }
}
