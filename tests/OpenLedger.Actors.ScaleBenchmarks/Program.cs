using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Domain.Attribution;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.ScaleBenchmarks;
using Orleans.TestingHost;
using OpenLedger.Actors.Grains.Security;

// Attribution at scale: N rows × d (default 1,000,000 × 64, C = 2, seeded synthetic data) as ONE shard and as
// several shards (rows per shard), first in process, then on an in-process cluster of several silos where the
// shards are grains spread over the silos and the coordinator runs in a silo, as the attribution grain does.
// Per case: per-inference latency p50/p99 one query at a time (single and sharded alternate query by query, so
// both see the same machine load), then throughput and latency with concurrent callers (queries batch into
// shared scans). One JSON line per case on stdout, then the ratios; progress on stderr.
// Exit 1 if a sharded top-k differs from the single index's, or a shard holds more than 1.1× its rows' raw
// float bytes (rows × d × 4).
var smoke = args.Contains("--smoke");
var rows = Option("--rows", smoke ? 20_000 : 1_000_000);
var dimension = Option("--dim", 64);
var classes = Option("--classes", 2);
var rowsPerShard = Option("--rows-per-shard", smoke ? 5_000 : 250_000);
var silos = Option("--silos", 3);
var queryCount = Option("--queries", smoke ? 20 : 200);
var callers = Option("--concurrency", 8);
var seed = Option("--seed", 1);
const int checkedQueries = 5;
const double memoryBound = 1.1;

var (single, sharded, queries, buildSeconds) = Build();
var failures = new List<string>();
Progress($"index built: 1 shard in {buildSeconds.Single:F1} s, {sharded.Shards.Count} shards in {buildSeconds.Sharded:F1} s");

// The reference answer: the whole index in process.
var reference = new QueryBatcher(ShardedInfluenceIndex.Local(single));
var expected = new List<QueryAttribution>();
foreach (var query in queries.Take(checkedQueries)) expected.Add(await reference.AttributeAsync(query, null, LatencyProbe.TopK));

var localShards = sharded.Shards.Select(s => (s.Rows, s.Bytes, Silo: "local")).ToList();
await CompareAsync("local", 1, reference, [(single.Shards[0].Rows, single.Shards[0].Bytes, "local")],
    new QueryBatcher(ShardedInfluenceIndex.Local(sharded)), localShards);

var artifacts = new InMemoryArtifactStore();
var configuration = new ConfigurationBuilder().Build();
var builder = new InProcessTestClusterBuilder(initialSilosCount: (short)silos);
builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
builder.Options.ServiceId = $"scale-{Guid.NewGuid():N}"[..24];
builder.ConfigureSilo((_, silo) =>
{
    silo.Services.AddSingleton<IArtifactStore>(artifacts);
    silo.AddOpenLedger(configuration);
});
var cluster = builder.Build();
await cluster.DeployAsync();
try
{
    // The coordinator runs inside a silo (as the attribution grain does), shard calls go silo to silo.
    var grains = cluster.Silos[0].ServiceProvider.GetRequiredService<IGrainFactory>();
    var started = Stopwatch.GetTimestamp();
    var singleDeployed = await ShardedAttributionIndex.DeployAsync(single, artifacts, grains);
    var shardedDeployed = await ShardedAttributionIndex.DeployAsync(sharded, artifacts, grains);
    Progress($"shard grains activated in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s");
    await CompareAsync("cluster", silos,
        new QueryBatcher(singleDeployed.Index), singleDeployed.Shards.Select(s => (s.Rows, s.Bytes, s.Silo)).ToList(),
        new QueryBatcher(shardedDeployed.Index), shardedDeployed.Shards.Select(s => (s.Rows, s.Bytes, s.Silo)).ToList());
}
finally
{
    await cluster.StopAllSilosAsync();
    await cluster.DisposeAsync();
}

foreach (var failure in failures) Console.Error.WriteLine($"FAILED: {failure}");
return failures.Count == 0 ? 0 : 1;

(InfluenceShardSet Single, InfluenceShardSet Sharded, double[][] Queries, (double Single, double Sharded) Seconds) Build()
{
    Progress($"generating {rows:N0} rows × d = {dimension}, C = {classes} (seed {seed})");
    var data = SyntheticDatanet.Create(rows, dimension, classes, queryCount, seed);
    var started = Stopwatch.GetTimestamp();
    var one = InfluenceShardSet.Build(data.Model, data.Training, rows);
    var oneSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    started = Stopwatch.GetTimestamp();
    var many = InfluenceShardSet.Build(data.Model, data.Training, rowsPerShard);
    return (one, many, data.Queries, (oneSeconds, Stopwatch.GetElapsedTime(started).TotalSeconds));
}

async Task CompareAsync(string environment, int siloCount, QueryBatcher oneShard, List<(int Rows, long Bytes, string Silo)> oneShardInfo,
    QueryBatcher manyShards, List<(int Rows, long Bytes, string Silo)> manyShardsInfo)
{
    Progress($"{environment}: exactness check and warm-up");
    for (var q = 0; q < expected.Count; q++)
    {
        foreach (var (name, batcher) in new[] { ("1 shard", oneShard), ($"{manyShardsInfo.Count} shards", manyShards) })
        {
            var actual = await batcher.AttributeAsync(queries[q], null, LatencyProbe.TopK);
            if (!actual.TopInfluences.SequenceEqual(expected[q].TopInfluences) || actual.PredictedClass != expected[q].PredictedClass)
                failures.Add($"{environment}, {name}: query {q} top-k differs from the single in-process index");
        }
    }

    Progress($"{environment}: {queries.Length} queries one at a time, alternating 1 shard / {manyShardsInfo.Count} shards");
    var oneTimes = new List<double>();
    var manyTimes = new List<double>();
    foreach (var query in queries)
    {
        oneTimes.Add(await LatencyProbe.OneAsync(oneShard, query));
        manyTimes.Add(await LatencyProbe.OneAsync(manyShards, query));
    }
    Progress($"{environment}: {queries.Length} queries from {callers} concurrent callers, each layout");
    var oneConcurrent = await LatencyProbe.ConcurrentAsync(oneShard, queries, callers);
    var manyConcurrent = await LatencyProbe.ConcurrentAsync(manyShards, queries, callers);

    var one = Report(environment, siloCount, oneShardInfo, oneTimes, oneConcurrent);
    var many = Report(environment, siloCount, manyShardsInfo, manyTimes, manyConcurrent);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        @case = $"{environment}-ratio",
        shards = manyShardsInfo.Count,
        p50_sharded_over_single = Math.Round(many.P50 / one.P50, 3),
        p99_sharded_over_single = Math.Round(many.P99 / one.P99, 3),
        concurrent_throughput_sharded_over_single = Math.Round(many.Throughput / one.Throughput, 3),
    }));
}

(double P50, double P99, double Throughput) Report(string environment, int siloCount, List<(int Rows, long Bytes, string Silo)> shards,
    List<double> times, (double[] Milliseconds, double QueriesPerSecond) concurrent)
{
    var ratio = shards.Max(s => s.Bytes / ((double)s.Rows * dimension * sizeof(float)));
    if (ratio > memoryBound) failures.Add($"{environment}, {shards.Count} shards: a shard holds {ratio:F3}× its raw float bytes (bound {memoryBound})");
    var p50 = LatencyProbe.Percentile(times, 50);
    var p99 = LatencyProbe.Percentile(times, 99);
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        @case = $"{environment}-{(shards.Count == 1 ? "single-shard" : "sharded")}",
        rows,
        dim = dimension,
        classes,
        silos = siloCount,
        shards = shards.Count,
        silos_holding_shards = shards.Select(s => s.Silo).Distinct().Count(),
        queries = times.Count,
        top_k = LatencyProbe.TopK,
        p50_ms = Math.Round(p50, 2),
        p99_ms = Math.Round(p99, 2),
        mean_ms = Math.Round(times.Average(), 2),
        concurrency = callers,
        concurrent_queries_per_second = Math.Round(concurrent.QueriesPerSecond, 1),
        concurrent_p50_ms = Math.Round(LatencyProbe.Percentile(concurrent.Milliseconds, 50), 2),
        concurrent_p99_ms = Math.Round(LatencyProbe.Percentile(concurrent.Milliseconds, 99), 2),
        shard_bytes_max = shards.Max(s => s.Bytes),
        shard_bytes_over_raw_float_max = Math.Round(ratio, 4),
        cores = Environment.ProcessorCount,
    }));
    return (p50, p99, concurrent.QueriesPerSecond);
}

void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, name);
    if (at < 0) return fallback;
    if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 1)
        return value;
    Console.Error.WriteLine($"{name} needs a positive integer.");
    Environment.Exit(2);
    return 0;
}
