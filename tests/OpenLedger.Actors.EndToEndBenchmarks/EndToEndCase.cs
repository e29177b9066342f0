using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.EndToEndBenchmarks;

/// <summary>
/// One case: a fresh cluster of <c>silos</c> on <c>storage</c>, the model made through the grains, payers funded and
/// sessions opened; then, with the same callers, the bare grain-call rate, the inferences (after a warm-up that is not
/// timed) and the model's prediction alone for the same queries; last the ledger's conservation check.
/// </summary>
internal static class EndToEndCase
{
    private const int Payers = 4;
    private const int SessionsPerPayer = 2;
    // Enough calls that the baselines' timings are not noise (a bare call takes tens of microseconds, a prediction less).
    private const int BareCalls = 20_000;
    private const int Predictions = 200_000;

    public static async Task<(object Line, ConservationCheck Conservation)> RunAsync(
        BenchmarkOptions options, int silos, BenchmarkStorage storage, BenchmarkDatanet source, Action<string> progress)
    {
        var name = $"{source.Model}-{silos}-silo-{storage.ToString().ToLowerInvariant()}";
        var loadAtStart = LoadAverage.OneMinute();
        progress($"{name}: starting {silos} silo(s)");
        await using var cluster = await BenchmarkCluster.StartAsync(silos, storage, name);
        var model = await BenchmarkModel.CreateAsync(cluster, source, progress);

        var total = options.WarmUp + options.Inferences;
        var payers = Enumerable.Range(1, Payers).Select(p => $"agent-platform-{p}").ToList();
        var sessions = new List<IInferenceSessionGrain>();
        foreach (var payer in payers)
        {
            await cluster.Ledger.DepositAsync($"bench-fund-{payer}", payer, model.FeePerInference * total);
            for (var s = 0; s < SessionsPerPayer; s++)
            {
                var session = cluster.Client.GetGrain<IInferenceSessionGrain>($"{payer}-session-{s}");
                await session.OpenAsync(payer, model.ModelId, topK: 10);
                sessions.Add(session);
            }
        }
        var audit = await LedgerAudit.BeginAsync(cluster.Ledger, payers, model.Recipients);

        var correct = 0;
        async Task InferAsync(string key, int i)
        {
            var q = i % source.Queries.Length;
            var result = await sessions[i % sessions.Count].InferAsync(new InferenceRequest(key, source.Queries[q], i % 2 == 0 ? source.QueryLabels[q] : null));
            if (result.Receipt is null) throw new InvalidOperationException($"Inference {key} answered without a receipt.");
            if (result.PredictedClass == source.QueryLabels[q]) Interlocked.Increment(ref correct);
        }

        progress($"{name}: warm-up, {options.WarmUp} inferences and {options.Concurrency * 20} bare calls (not timed)");
        await CallerLoad.RunAsync(options.WarmUp, options.Concurrency, i => InferAsync($"warm-{i}", options.Inferences + i));
        Task BareCallAsync(int i) => cluster.Client.GetGrain<IBareCallGrain>($"bare-{i % options.Concurrency}").EchoAsync(i); // one grain per caller
        await CallerLoad.RunAsync(options.Concurrency * 20, options.Concurrency, BareCallAsync);

        // The baselines run half before and half after the inferences, so a change in the machine's load during the case
        // weighs on both sides of each ratio alike.
        LoadResult? bareCalls = null, predictions = null;
        async Task BaselinesAsync()
        {
            progress($"{name}: {BareCalls / 2:N0} bare grain calls, {Predictions / 2:N0} predictions alone");
            var calls = await CallerLoad.RunAsync(BareCalls / 2, options.Concurrency, BareCallAsync);
            var predicted = await CallerLoad.RunAsync(Predictions / 2, options.Concurrency, i =>
            {
                model.Parameters.PredictProbabilities(source.Queries[i % source.Queries.Length]);
                return Task.CompletedTask;
            });
            bareCalls = bareCalls?.And(calls) ?? calls;
            predictions = predictions?.And(predicted) ?? predicted;
        }

        await BaselinesAsync();
        progress($"{name}: {options.Inferences} inferences from {options.Concurrency} callers");
        correct = 0;
        GrainCallCounter.Reset();
        var inferences = await CallerLoad.RunAsync(options.Inferences, options.Concurrency, i => InferAsync($"q-{i}", i));
        var (siloCalls, stateWrites, breakdown) = GrainCallCounter.Snapshot(options.Inferences);
        progress($"{name}: per inference {siloCalls:F2} grain calls made by silo code and {stateWrites:F2} state writes; the largest:");
        foreach (var (what, perInference) in breakdown.Take(24)) progress($"  {perInference,6:F2}  {what}");
        var heldOutAccuracy = (double)correct / options.Inferences;
        await BaselinesAsync();

        var conservation = await audit.CheckAsync(model.FeePerInference * total);
        var line = new
        {
            @case = name,
            silos,
            storage = storage.ToString().ToLowerInvariant(),
            model = source.Model,
            rows = model.TrainingRows,
            dim = source.Metadata.Dimension,
            classes = source.Metadata.ClassCount,
            inferences = options.Inferences,
            warmup = options.WarmUp,
            concurrency = options.Concurrency,
            seconds = Math.Round(inferences.Elapsed.TotalSeconds, 3),
            inferences_per_s = Math.Round(inferences.PerSecond, 1),
            p50_ms = Math.Round(inferences.P50, 2),
            p99_ms = Math.Round(inferences.P99, 2),
            held_out_accuracy = Math.Round(heldOutAccuracy, 4),
            bare_grain_calls = bareCalls!.Calls,
            bare_grain_calls_per_s = Math.Round(bareCalls.PerSecond, 1),
            bare_p50_ms = Math.Round(bareCalls.P50, 3),
            bare_p99_ms = Math.Round(bareCalls.P99, 3),
            predict_only_calls = predictions!.Calls,
            predict_only_per_s = Math.Round(predictions.PerSecond, 1),
            ratio_to_bare = Math.Round(inferences.PerSecond / bareCalls.PerSecond, 6),
            ratio_to_predict_only = Math.Round(inferences.PerSecond / predictions.PerSecond, 6),
            cpu_us_per_inference = Math.Round(inferences.CpuMicrosecondsPerCall, 1),
            bare_cpu_us_per_call = Math.Round(bareCalls.CpuMicrosecondsPerCall, 2),
            cpu_ratio_to_bare = Math.Round(bareCalls.CpuMicrosecondsPerCall / inferences.CpuMicrosecondsPerCall, 6),
            silo_grain_calls_per_inference = Math.Round(siloCalls, 2),
            state_writes_per_inference = Math.Round(stateWrites, 2),
            datanet_seconds = Math.Round(model.DatanetTime.TotalSeconds, 1),
            training_seconds = Math.Round(model.TrainingTime.TotalSeconds, 1),
            training_accuracy = Math.Round(model.TrainingAccuracy, 4),
            fees_charged = conservation.Charged,
            postings_credited = conservation.Credited,
            ledger_balance_sum = conservation.BalanceSum,
            conserved = conservation.Holds,
            load_average_start = loadAtStart,
            load_average_end = LoadAverage.OneMinute(),
            cores = Environment.ProcessorCount,
        };
        return (line, conservation);
    }
}
