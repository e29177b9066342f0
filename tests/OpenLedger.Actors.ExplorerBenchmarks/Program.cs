using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using OpenLedger.Actors.TestSupport;

// Explorer page load benchmark: runs the demo with N real inferences (each goes through the inference, attribution
// and ledger grains and feeds the explorer's read model), then requests each page kind M times, one at a time, over
// loopback, and prints one JSON line per page kind with the p50/p95/max time to the full response.
//   dotnet run -c Release --project tests/OpenLedger.Actors.ExplorerBenchmarks -- [--inferences 100000] [--requests 200]
var inferences = Option("--inferences", 100_000);
var requests = Option("--requests", 200);
string[] platforms = ["agent-platform-1", "agent-platform-2", "agent-platform-3", "agent-platform-4"];

var started = Stopwatch.StartNew();
Console.Error.WriteLine($"Starting the silo with the demo workload of {inferences:N0} inferences…");
await using var silo = await SiloProcess.StartDemoAsync(inferences, contributors: 36, TimeSpan.FromHours(2));
Console.Error.WriteLine($"Demo done in {started.Elapsed.TotalSeconds:F0} s; waiting for the read model's flush.");
await Task.Delay(TimeSpan.FromSeconds(5));

using var http = new HttpClient { BaseAddress = silo.BaseAddress, Timeout = TimeSpan.FromMinutes(1) };
var random = new Random(8);
// The demo sends inference i through session i mod 8 (two per platform) with idempotency key q-i.
string InferenceUrl(int i) => "/explorer/inferences/" + Uri.EscapeDataString($"{platforms[i % 8 / 2]}-session-{i % 8 % 2}|q-{i}");
var oldestFeedPage = (inferences + 24) / 25;

var cases = new (string Name, Func<string> Url)[]
{
    ("home", () => "/explorer"),
    ("home, oldest feed page", () => $"/explorer?page={oldestFeedPage}"),
    ("inference (random of all)", () => InferenceUrl(random.Next(inferences))),
    ("contributor (statement first page)", () => "/explorer/accounts/contributor-01"),
    ("contributor (statement, random page)", () => $"/explorer/accounts/contributor-01?after={random.Next(0, inferences / 2)}"),
    ("leaderboard", () => "/explorer/leaderboard"),
};
foreach (var (name, url) in cases)
{
    for (var i = 0; i < 5; i++) await FetchAsync(url()); // warm-up
    var times = new double[requests];
    long bytes = 0;
    for (var i = 0; i < requests; i++)
    {
        var watch = Stopwatch.StartNew();
        bytes = await FetchAsync(url());
        times[i] = watch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        page = name,
        inferences,
        requests,
        p50_ms = Math.Round(Percentile(times, 0.50), 2),
        p95_ms = Math.Round(Percentile(times, 0.95), 2),
        max_ms = Math.Round(times[^1], 2),
        bytes,
    }));
}
Console.WriteLine(JsonSerializer.Serialize(new { silo_working_set_mib = silo.WorkingSetBytes / (1024 * 1024) }));
return 0;

async Task<long> FetchAsync(string url)
{
    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
    if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}.");
    return (await response.Content.ReadAsByteArrayAsync()).LongLength;
}

static double Percentile(double[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    if (index < 0) return fallback;
    return index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
        ? value
        : throw new ArgumentException($"{name} takes a positive whole number.");
}
