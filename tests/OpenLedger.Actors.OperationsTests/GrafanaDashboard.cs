using System.Text.Json;
using System.Text.RegularExpressions;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>The metric names the Grafana dashboard (<c>silo-config/grafana/openledger-dashboard.json</c>) queries.</summary>
internal static partial class GrafanaDashboard
{
    public static string PathOnDisk => System.IO.Path.Combine(RepositoryPaths.SiloConfig, "grafana", "openledger-dashboard.json");

    public static IReadOnlyList<string> Expressions()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(PathOnDisk));
        return json.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
    }

    /// <summary>Series names in the queries, histogram suffixes removed (…_bucket, …_sum, …_count → the histogram).</summary>
    public static IReadOnlySet<string> MetricNames(string prefix) =>
        Expressions().SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => HistogramSuffix().Replace(n, ""))
            .ToHashSet();

    [GeneratedRegex("[a-z_][a-z0-9_]*(?=[{\\[])")]
    private static partial Regex MetricName();

    [GeneratedRegex("_(bucket|sum|count)$")]
    private static partial Regex HistogramSuffix();
}
