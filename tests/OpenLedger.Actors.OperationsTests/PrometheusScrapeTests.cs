using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Client;
using OpenLedger.Actors.Grains.Telemetry;
using OpenLedger.Actors.Silo.Operations;

namespace OpenLedger.Actors.OperationsTests;

/// <summary>
/// A real Prometheus (the Debian package) scrapes a real silo process while it runs the demo workload; the
/// project's metrics, and Orleans', are then queried through Prometheus' HTTP API.
/// </summary>
public sealed class PrometheusScrapeTests
{
    private const int Inferences = 120;
    private const long FeePerInference = 1_000; // the demo's fee

    [SkippableFact]
    public async Task Prometheus_scrapes_the_silo_and_the_project_metrics_have_the_workload_values()
    {
        var prometheus = ExternalTool.Require("prometheus", "apt-get install -y prometheus");
        var settings = new SiloSettings($"prom-{Guid.NewGuid():N}"[..17])
        {
            Arguments = ["--demo", "--demo-inferences", Inferences.ToString(CultureInfo.InvariantCulture), "--demo-contributors", "8", "--demo-no-text"],
        };
        await using var silo = await SiloProcess.StartReadyAsync(settings);
        await WaitForOutputAsync(silo, "→ OK"); // the demo's conservation line: every inference is charged and durable
        var refusal = await SendOneRefusedInferenceAsync(silo);

        // /metrics is served on the management port only; the management port serves nothing of the public API.
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(silo.BaseAddress, SiloOperationsExtensions.MetricsPath))).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(silo.ManagementAddress, SiloOperationsExtensions.MetricsPath))).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.NotFound, (await http.GetAsync(new Uri(silo.ManagementAddress, "/api/v1/governance/parameters"))).StatusCode);
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync(new Uri(silo.BaseAddress, "/api/v1/governance/parameters"))).StatusCode);
        }

        await using var server = PrometheusServer.Start(prometheus, silo.ManagementAddress, SiloOperationsExtensions.MetricsPath);
        Assert.Equal(Inferences, await server.WaitForValueAsync("sum(openledger_inferences_total)", v => v >= Inferences));
        Assert.Equal(Inferences, await server.WaitForValueAsync("sum(openledger_attribution_duration_milliseconds_count)", v => v >= Inferences));
        Assert.Equal(Inferences, await server.WaitForValueAsync("sum(openledger_attribution_scan_rate_per_second_count)", v => v >= Inferences));
        Assert.True(await server.WaitForValueAsync("sum(openledger_attribution_rows_scanned_total)", v => v > 0) > 0);
        // Every fee is paid out in full to its recipients (exact integer split).
        Assert.Equal(Inferences * FeePerInference, await server.WaitForValueAsync("sum(openledger_rewards_paid_micro_units_total)", v => v >= Inferences * FeePerInference));
        Assert.Equal(Inferences * FeePerInference, await server.WaitForValueAsync("sum(openledger_fees_charged_micro_units_total)", v => v >= Inferences * FeePerInference));
        Assert.True(await server.WaitForValueAsync("sum(openledger_ledger_batch_transfers_sum)", v => v >= Inferences) >= Inferences);
        Assert.True(await server.WaitForValueAsync("sum(openledger_ledger_batch_flush_duration_milliseconds_count)", v => v > 0) > 0);
        Assert.Equal(1, await server.WaitForValueAsync($"sum(openledger_rejections_total{{code=\"{refusal.ErrorCode}\"}})", v => v >= 1));
        Assert.True(await server.WaitForValueAsync("sum(orleans_app_requests_latency_milliseconds_count)", v => v > 0) > 0);

        // The exporter's names are the ones PrometheusNames derives (the dashboard test relies on that mapping).
        var names = await server.MetricNamesAsync();
        var noProducerInThisWorkload = new[]
        {
            OpenLedgerTelemetry.StakeSlashed, OpenLedgerTelemetry.ClaimsPaid, OpenLedgerTelemetry.ClaimsRefused, OpenLedgerTelemetry.InferenceReplays,
            OpenLedgerTelemetry.Penalties, OpenLedgerTelemetry.SubmissionsRefused, // the demo stakes nothing and sets no minimum stake
        };
        Assert.All(PrometheusNames.ProjectInstruments.Except(noProducerInThisWorkload), instrument =>
            Assert.Contains(names, n => n == PrometheusNames.Of(instrument) || n == PrometheusNames.Of(instrument) + "_count"));
        // Orleans' series the Grafana dashboard queries exist under those names.
        Assert.All(GrafanaDashboard.MetricNames("orleans_"), metric =>
            Assert.Contains(names, n => n == metric || n == metric + "_count"));
    }

    /// <summary>An inference with the wrong number of features, through the client SDK over the silo's gateway.</summary>
    private static async Task<OpenLedgerException> SendOneRefusedInferenceAsync(SiloProcess silo)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.AddOpenLedgerClient(o =>
        {
            o.GatewayPort = silo.GatewayPort;
            o.ClusterId = o.ServiceId = silo.Settings.ClusterId!; // on Azurite: always set
        });
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var client = host.Services.GetRequiredService<OpenLedgerClient>();
            return await Assert.ThrowsAsync<OpenLedgerException>(() => client.InferAsync("agent-platform-1-session-0", new InferenceRequest("refused-1", [1.0])));
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static async Task WaitForOutputAsync(SiloProcess silo, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5); // bounds a stuck workload; not a speed assertion
        while (!silo.Output.Contains(text, StringComparison.Ordinal))
        {
            if (silo.HasExited || DateTime.UtcNow > deadline)
                throw new InvalidOperationException($"The demo workload did not finish:\n{silo.Tail()}");
            await Task.Delay(250);
        }
    }

    /// <summary>A Prometheus server on a free loopback port with a generated configuration scraping one target every second.</summary>
    private sealed class PrometheusServer : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly string _folder;
        private readonly HttpClient _http;
        private readonly System.Text.StringBuilder _log = new();

        private PrometheusServer(string binary, Uri target, string metricsPath)
        {
            _folder = Directory.CreateTempSubdirectory("openledger-prometheus-").FullName;
            var config = Path.Combine(_folder, "prometheus.yml");
            File.WriteAllText(config, $"""
                global:
                  scrape_interval: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: openledger-silo
                    metrics_path: {metricsPath}
                    static_configs:
                      - targets: ["{target.Authority}"]
                """);
            var port = FreePorts.Take(1)[0];
            _http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
            var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var argument in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_folder, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
                start.ArgumentList.Add(argument);
            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.ErrorDataReceived += (_, e) => { lock (_log) _log.AppendLine(e.Data); };
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();
        }

        public static PrometheusServer Start(string binary, Uri target, string metricsPath) => new(binary, target, metricsPath);

        /// <summary>Queries until the expression has a value that satisfies <paramref name="done"/>, and returns it.</summary>
        public async Task<double> WaitForValueAsync(string query, Func<double, bool> done)
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2); // bounds a broken scrape; not a speed assertion
            double? last = null;
            while (DateTime.UtcNow < deadline)
            {
                if (_process.HasExited) throw new InvalidOperationException($"Prometheus exited with {_process.ExitCode}:\n{Log}");
                try
                {
                    using var json = JsonDocument.Parse(await _http.GetStringAsync($"/api/v1/query?query={Uri.EscapeDataString(query)}"));
                    var result = json.RootElement.GetProperty("data").GetProperty("result");
                    if (result.GetArrayLength() > 0)
                    {
                        last = double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
                        if (done(last.Value)) return last.Value;
                    }
                }
                catch (HttpRequestException) { } // still starting
                await Task.Delay(500);
            }
            throw new TimeoutException($"'{query}' never had a satisfying value (last: {last?.ToString(CultureInfo.InvariantCulture) ?? "none"}); targets: {await TargetsAsync()}\n{Log}");
        }

        public async Task<IReadOnlyList<string>> MetricNamesAsync()
        {
            using var json = JsonDocument.Parse(await _http.GetStringAsync("/api/v1/label/__name__/values"));
            return json.RootElement.GetProperty("data").EnumerateArray().Select(e => e.GetString()!).ToList();
        }

        private async Task<string> TargetsAsync()
        {
            try { return await _http.GetStringAsync("/api/v1/targets"); }
            catch (Exception e) { return e.Message; }
        }

        private string Log { get { lock (_log) return _log.ToString(); } }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                await _process.WaitForExitAsync();
            }
            _process.Dispose();
            _http.Dispose();
            try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        }
    }
}
