using System.Text.Json;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>The dashboard queries only metrics the code records, and covers every project instrument.</summary>
public sealed class GrafanaDashboardTests
{
    [Fact]
    public void Every_project_metric_in_the_dashboard_is_an_instrument_of_the_code_and_every_instrument_is_shown()
    {
        var instruments = PrometheusNames.ProjectInstruments.Select(PrometheusNames.Of).ToHashSet();
        var queried = GrafanaDashboard.MetricNames("openledger_");

        Assert.Empty(queried.Except(instruments)); // a name here is a panel that would stay empty
        Assert.Empty(instruments.Except(queried)); // an instrument nobody looks at
    }

    [Fact]
    public void Dashboard_is_importable_json_with_a_prometheus_datasource_variable_and_unique_panel_ids()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(GrafanaDashboard.PathOnDisk));
        var root = json.RootElement;
        Assert.False(string.IsNullOrEmpty(root.GetProperty("uid").GetString()));
        Assert.Contains(root.GetProperty("templating").GetProperty("list").EnumerateArray(),
            v => v.GetProperty("type").GetString() == "datasource" && v.GetProperty("query").GetString() == "prometheus");
        var panels = root.GetProperty("panels").EnumerateArray().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());
        Assert.All(panels, p => Assert.Equal("${datasource}", p.GetProperty("datasource").GetProperty("uid").GetString()));
    }
}
