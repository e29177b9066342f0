using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Grains.Hosting;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.LedgerBenchmarks;
using Orleans.Storage;
using Orleans.TestingHost;
using OpenLedger.Actors.Grains.Security;

// Ledger benchmark: postings per second and storage writes per posting on Azure Table storage (Azurite, or the
// connection string in OPENLEDGER_AZURITE), group commit (single-phase and two-phase) beside the naive baseline, measured in the same run.
// Prints one JSON line per case, then the ratios. With --recovery: the recovery benchmark instead (RecoveryBenchmark.cs).
if (args.Contains("--recovery")) return await RecoveryBenchmark.RunAsync(args, Environment.GetEnvironmentVariable("OPENLEDGER_AZURITE") is { Length: > 0 } azurite ? azurite : "UseDevelopmentStorage=true");

var transfers = Option("--transfers", 4_000);
var concurrency = Option("--concurrency", 64);
var connectionString = Environment.GetEnvironmentVariable("OPENLEDGER_AZURITE") is { Length: > 0 } cs ? cs : "UseDevelopmentStorage=true";

var groupCommit = await MeasureAsync("group-commit", new Dictionary<string, string?>(), LoadMode.GroupCommit);
var twoPhase = await MeasureAsync("group-commit-two-phase", new Dictionary<string, string?>(), LoadMode.TwoPhase);
var naive = await MeasureAsync("naive-one-write-per-posting", new Dictionary<string, string?>
{
    ["OpenLedger:Ledger:MaxBatchTransfers"] = "1",
    ["OpenLedger:Ledger:FlushWindow"] = "00:00:00",
}, LoadMode.PostingPerTransfer);
Console.WriteLine(JsonSerializer.Serialize(new
{
    @case = "ratio",
    throughput_group_commit_over_naive = Math.Round(groupCommit.PostingsPerSecond / naive.PostingsPerSecond, 2),
    throughput_two_phase_over_naive = Math.Round(twoPhase.PostingsPerSecond / naive.PostingsPerSecond, 2),
    writes_per_posting_group_commit = Math.Round(groupCommit.WritesPerPosting, 5),
    writes_per_posting_two_phase = Math.Round(twoPhase.WritesPerPosting, 5),
    writes_per_posting_naive = Math.Round(naive.WritesPerPosting, 5),
    goal_writes_per_posting = 0.02,
    meets_goal = groupCommit.WritesPerPosting <= 0.02 && twoPhase.WritesPerPosting <= 0.02,
}));
return groupCommit.WritesPerPosting <= 0.02 && twoPhase.WritesPerPosting <= 0.02 ? 0 : 1;

async Task<LoadResult> MeasureAsync(string name, Dictionary<string, string?> settings, LoadMode mode)
{
    CountingGrainStorage? counting = null;
    var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
    var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
    builder.ConfigureClient(client => client.UseInternalCallKey(InternalCallProof.ThisProcess())); // set-up calls act as silo code
    builder.Options.ServiceId = $"bench-{name}-{Guid.NewGuid():N}"[..40];
    builder.ConfigureSilo((_, silo) =>
    {
        silo.AddOpenLedger(configuration);
        silo.AddAzureTableGrainStorage("azure", options =>
        {
            options.TableServiceClient = new TableServiceClient(connectionString);
            options.TableName = "OpenLedgerBenchmark";
        });
        silo.Services.AddKeyedSingleton<IGrainStorage>(StorageNames.GrainState,
            (services, _) => counting = new CountingGrainStorage(services.GetRequiredKeyedService<IGrainStorage>("azure")));
    });
    var cluster = builder.Build();
    await cluster.DeployAsync();
    try
    {
        var ledger = cluster.Client.GetGrain<ILedgerGrain>($"bench-{name}");
        // The naive ledger posts eleven transfers per inference: give it the same number of postings, not of transfers.
        var load = new LedgerLoad(ledger, name, transfers, concurrency, mode);
        var result = await load.RunAsync(() => counting!.Writes);
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            @case = name,
            postings = result.Postings,
            concurrency,
            seconds = Math.Round(result.Elapsed.TotalSeconds, 3),
            postings_per_second = Math.Round(result.PostingsPerSecond, 1),
            storage_writes = result.StorageWrites,
            writes_per_posting = Math.Round(result.WritesPerPosting, 5),
            p50_ms_per_inference = Math.Round(result.P50Milliseconds, 2),
            p99_ms_per_inference = Math.Round(result.P99Milliseconds, 2),
        }));
        return result;
    }
    finally
    {
        await cluster.StopAllSilosAsync();
        await cluster.DisposeAsync();
    }
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    if (index < 0) return fallback;
    if (index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
    Console.Error.WriteLine($"{name} needs a positive whole number.");
    Environment.Exit(2);
    return 0;
}
