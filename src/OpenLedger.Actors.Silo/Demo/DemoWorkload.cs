using System.Diagnostics;
using System.Globalization;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Data;
using OpenLedger.Actors.Domain.Economics;
using OpenLedger.Actors.Domain.Validation;
using OpenLedger.Actors.Grains.Ledger;

namespace OpenLedger.Actors.Silo.Demo;

/// <summary>
/// The demo: imports the bundled digits dataset as a Datanet fed by simulated contributors, approves and
/// publishes a version, trains a model, runs agent inferences, and prints who earned what together with a
/// conservation check. Every step uses fixed ids, so a rerun against persistent storage repeats nothing
/// and charges nothing twice. The silo keeps serving clients afterwards.
/// </summary>
public sealed class DemoWorkload(IGrainFactory grains, LedgerRouter ledger, DemoOptions options, IConfiguration configuration, IHostApplicationLifetime lifetime, ILogger<DemoWorkload> logger) : BackgroundService
{
    private const string DatanetId = "digits";
    private const string Curator = "curator-digits";
    private const string ModelId = "digits-lr-v1";
    private const string ModelOwner = "model-studio";
    private const long FeePerInference = 1_000; // micro-units
    private const int QueryRows = 297;
    private static readonly string[] Platforms = ["agent-platform-1", "agent-platform-2", "agent-platform-3", "agent-platform-4"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RunAsync(stoppingToken);
            if (options.ExitWhenDone) lifetime.StopApplication();
            else Console.WriteLine($"\nThe silo keeps serving clients on gateway port {configuration["OpenLedger:Clustering:GatewayPort"] ?? "30000"}, and the value-trail explorer on {(configuration["Urls"] ?? "http://127.0.0.1:5080").Split(';')[0].TrimEnd('/')}/explorer. Press Ctrl+C to stop.");
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            logger.LogError(e, "The demo workload failed");
            Environment.ExitCode = 1;
            lifetime.StopApplication();
        }
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        var data = CsvDatasetReader.ReadFile(Path.Combine(AppContext.BaseDirectory, "data", "digits.csv"), classCount: 10);
        var order = Enumerable.Range(0, data.RowCount).ToArray();
        new Random(2026).Shuffle(order);
        var queryRows = order[..QueryRows];
        var trainingRows = order[QueryRows..];
        var contributors = Enumerable.Range(1, options.Contributors).Select(i => $"contributor-{i:D2}").ToArray();

        Console.WriteLine($"OpenLedger demo — {data.RowCount} handwritten digits, {contributors.Length} contributors, {options.Inferences} inferences");
        var datanet = grains.GetGrain<IDatanetGrain>(DatanetId);
        await datanet.CreateAsync(Curator, new DatanetMetadata("Handwritten digits", "8×8 images of handwritten digits 0–9",
            "UCI Optical Recognition of Handwritten Digits (test set), E. Alpaydin 1998, CC BY 4.0.", ["vision", "digits"], "image-8x8", data.Dimension, data.ClassCount));

        // Contributors bring unequal amounts of data (weights 1/(1 + 0.15·i)), split exactly by largest remainder.
        var shares = LargestRemainder.Apportion(trainingRows.Length, contributors.Select((_, i) => 1.0 / (1 + 0.15 * i)).ToArray());
        var rowIds = new List<long>();
        var next = 0;
        var progress = new ConsoleProgress("contributions", contributors.Length);
        for (var c = 0; c < contributors.Length; c++)
        {
            var mine = trainingRows.Skip(next).Take((int)shares[c]).ToArray();
            next += mine.Length;
            foreach (var (chunk, index) in mine.Chunk(100).Select((chunk, index) => (chunk, index)))
            {
                var receipt = await datanet.SubmitAsync($"{contributors[c]}-{index}", contributors[c],
                    chunk.Select(i => new ContributionRow(data.Row(i).ToArray(), data.Labels[i])).ToList());
                rowIds.AddRange(receipt.Rows.Select(r => r.RowId));
            }
            progress.Advance();
        }
        // The curator rejects a few rows (a fixed 1 %, standing in for rows that failed review) and approves the rest.
        var rejected = rowIds.Where((_, i) => i % 100 == 37).ToList();
        await datanet.ReviewAsync(Curator, rowIds.Except(rejected).ToList(), approve: true);
        await datanet.ReviewAsync(Curator, rejected, approve: false, "demo: a fixed 1 % of rows, standing in for rows that failed review");
        var version = await datanet.PublishVersionAsync(Curator);
        Console.WriteLine($"Published {DatanetId} v{version.Version}: {version.RowCount} approved rows ({rejected.Count} rejected), artifact {version.ArtifactKey[..12]}…");

        var trainWatch = Stopwatch.StartNew();
        // Training is a job on the cluster: start it and follow its stages (loading, training, saving, indexing, done).
        var stages = new[] { TrainingStages.Loading, TrainingStages.Training, TrainingStages.Saving, TrainingStages.Indexing, TrainingStages.Done };
        var trainingProgress = new ConsoleProgress("training job", stages.Length);
        var stagesShown = 0;
        var model = await grains.GetGrain<IModelGrain>(ModelId).TrainAndWaitAsync(new TrainModelRequest(ModelOwner, DatanetId, version.Version, FeePerInference, 0.01),
            job =>
            {
                for (var reached = Array.IndexOf(stages, job.Stage) + 1; stagesShown < reached; stagesShown++) trainingProgress.Advance();
            });
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Trained {ModelId}: {model.Iterations} Newton steps, ‖∇J‖ = {model.GradientNorm:E2}, training accuracy {model.TrainingAccuracy:P1}, fee {FeePerInference} µ per inference ({trainWatch.Elapsed.TotalSeconds:F1} s)"));

                var sessions = new List<IInferenceSessionGrain>();
        foreach (var platform in Platforms)
        {
            var amount = FeePerInference * options.Inferences;
            await ledger.DepositAsync($"demo-fund-{platform}-{amount}", platform, amount);
            for (var s = 0; s < 2; s++)
            {
                var session = grains.GetGrain<IInferenceSessionGrain>($"{platform}-session-{s}");
                await session.OpenAsync(platform, ModelId, topK: 10);
                sessions.Add(session);
            }
        }

        var recipients = contributors.Concat([ModelOwner, Curator, AccountId.Protocol]).ToList();
        var before = await ledger.GetBalancesAsync(recipients.Concat(Platforms).ToList());
        var runStarted = DateTimeOffset.UtcNow;
        var inferWatch = Stopwatch.StartNew();
        progress = new ConsoleProgress("inferences", options.Inferences);
        var correct = 0;
        var replays = 0;
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Inferences), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancel }, async (i, _) =>
        {
            var row = queryRows[i % queryRows.Length];
            var result = await sessions[i % sessions.Count].InferAsync(new InferenceRequest($"q-{i}", data.Row(row).ToArray(), i % 2 == 0 ? data.Labels[row] : null));
            if (result.PredictedClass == data.Labels[row]) Interlocked.Increment(ref correct);
            if (result.CompletedAt < runStarted) Interlocked.Increment(ref replays); // answered from an earlier run's stored result
            progress.Advance();
        });
        var elapsed = inferWatch.Elapsed;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{options.Inferences} inferences in {elapsed.TotalSeconds:F1} s ({options.Inferences / elapsed.TotalSeconds:F0}/s), held-out accuracy {(double)correct / options.Inferences:P1}")
            + (replays > 0 ? $"; {replays} were replays of an earlier run, answered from storage and not charged again" : ""));

        await PrintEarningsAsync(ledger, contributors, recipients, before);
        if (options.Text) await new TextDemoTrack(grains, ledger).RunAsync(cancel);
    }

    /// <summary>Prints balances, and checks that what this run charged the payers equals what it credited the recipients.</summary>
    private static async Task PrintEarningsAsync(LedgerRouter ledger, string[] contributors, List<string> recipients, IReadOnlyDictionary<string, long> before)
    {
        var balances = await ledger.GetBalancesAsync(recipients.Concat(Platforms).ToList());
        var charged = Platforms.Sum(p => before[p] - balances[p]);
        var credited = recipients.Sum(r => balances[r] - before[r]);
        var contributorTotal = contributors.Sum(c => balances[c]);

        Console.WriteLine("\nTop contributors by earnings (micro-units):");
        Console.WriteLine($"  {"account",-26} {"earned",12} {"share of contributor pool",26}");
        foreach (var c in contributors.OrderByDescending(c => balances[c]).ThenBy(c => c, StringComparer.Ordinal).Take(10))
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {c,-26} {balances[c],12:N0} {(double)balances[c] / Math.Max(1, contributorTotal),26:P2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {"all contributors",-26} {contributorTotal,12:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {ModelOwner + " (owner)",-26} {balances[ModelOwner],12:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {Curator + " (curator)",-26} {balances[Curator],12:N0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {AccountId.Protocol,-26} {balances[AccountId.Protocol],12:N0}"));

        var summary = await ledger.GetSummaryAsync();
        var conserved = charged == credited && summary.BalanceSum == 0;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"\nConservation (this run): fees charged {charged:N0} = postings credited {credited:N0} → {(conserved ? "OK" : "MISMATCH")}; ledger balance sum {summary.BalanceSum}; {summary.TransferCount:N0} transfers in {summary.BatchCount:N0} durable batches ({(double)summary.TransferCount / Math.Max(1, summary.BatchCount):F1} transfers/batch)"));
        if (!conserved) throw new InvalidOperationException("Conservation check failed: fees charged differ from postings credited.");
    }
}
