using System.Text.Json;
using OpenLedger.Actors.EndToEndBenchmarks;

// End-to-end cost per inference (issue 18): attributed, charged, durable inferences per second and p50/p99 latency
// through the real inference path (session → inference → attribution → ledger reserve/post → receipt), as a gateway
// client sends them, for every case of silos (1, 3) × storage (memory, Azurite) × model (digits, a 100,000-row synthetic
// Datanet), each on a fresh in-process cluster with its model trained through the training job. In the same case, with
// the same callers: a bare grain call's rate and the model's prediction alone, so each line carries its ratios.
// One JSON line per case on stdout, progress on stderr. Exit 1 if a case's ledger does not conserve (fees charged ≠
// postings credited, balances not summing to 0, a reservation left open) or an inference fails; 2 on a bad option.
if (args.Contains("--help"))
{
    Console.WriteLine(BenchmarkOptions.Usage);
    return 0;
}
if (BenchmarkOptions.Parse(args) is not { } options) return 2;

var azuriteProblem = options.Storages.Contains(BenchmarkStorage.Azurite) ? await AzuriteAvailability.WhyUnavailableAsync() : null;
var sources = new Dictionary<string, Func<BenchmarkDatanet>>
{
    [BenchmarkOptions.Digits] = BenchmarkDatanet.Digits,
    [BenchmarkOptions.Synthetic] = () => BenchmarkDatanet.Synthetic(options.SyntheticRows, options.SyntheticDimension, options.SyntheticClasses, options.Seed),
};
var failures = new List<string>();
foreach (var modelName in options.Models)
{
    Progress($"preparing the {modelName} rows");
    var source = sources[modelName]();
    foreach (var storage in options.Storages)
    {
        foreach (var silos in options.SiloCounts)
        {
            var name = $"{modelName}-{silos}-silo-{storage.ToString().ToLowerInvariant()}";
            if (storage == BenchmarkStorage.Azurite && azuriteProblem is not null)
            {
                Progress($"{name}: skipped. {azuriteProblem}");
                Console.WriteLine(JsonSerializer.Serialize(new { @case = name, skipped = azuriteProblem }));
                continue;
            }
            try
            {
                var (line, conservation) = await EndToEndCase.RunAsync(options, silos, storage, source, Progress);
                Console.WriteLine(JsonSerializer.Serialize(line));
                if (!conservation.Holds) failures.Add($"{name}: conservation does not hold ({conservation})");
            }
            catch (Exception e)
            {
                failures.Add($"{name}: {e.GetType().Name}: {e.Message}");
                Console.WriteLine(JsonSerializer.Serialize(new { @case = name, failed = e.Message }));
            }
        }
    }
}

foreach (var failure in failures) Console.Error.WriteLine($"FAILED: {failure}");
return failures.Count == 0 ? 0 : 1;

static void Progress(string message) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {message}");
