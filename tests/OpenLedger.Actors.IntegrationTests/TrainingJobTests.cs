using System.Diagnostics;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace OpenLedger.Actors.IntegrationTests;

/// <summary>
/// Training as a durable job on Azure storage (Azurite: table state and reminders, blob artifacts) with several silos:
/// the request answers at once, the job reports its stages and Newton steps and ends succeeded; governed limits refuse
/// a request before anything is recorded; a model is "not ready" until its job has succeeded; and a job whose silo is
/// killed mid-training is started again on another silo and still ends succeeded.
/// </summary>
public sealed class TrainingJobTests(ITestOutputHelper output)
{
    private static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["OpenLedger:Governance:DuplicateCosineCutoff"] = "1", // synthetic rows: only exact copies are duplicates
        ["OpenLedger:Governance:DailyRowQuota"] = "100000",
        ["OpenLedger:Governance:DailyByteQuota"] = "1000000000",
    };

    private static Task<InProcessTestCluster> StartClusterAsync(string name, int silos) =>
        AzuriteCluster.StartAsync($"{name}-{Guid.NewGuid():N}"[..24], silos, Settings);

    [Fact]
    public async Task Training_answers_at_once_and_the_job_reports_progress_until_it_succeeds()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var cluster = await StartClusterAsync("job-ok", silos: 2);
        try
        {
            await PublishSyntheticAsync(cluster.Client, "job-dn", rows: 3_000, dimension: 100, classes: 8); // large enough (≈ 800 parameters) that a 250 ms poll sees it running on a quiet machine (1,500 × 60 finished in 0.3 s)
            var model = cluster.Client.GetGrain<IModelGrain>("job-model");
            var watch = Stopwatch.StartNew();
            var started = await model.StartTrainingAsync(new TrainModelRequest("job-owner", "job-dn", 1, 1_000));
            var answeredIn = watch.Elapsed;

            Assert.Equal((TrainingJobStatus.Queued, "job-model"), (started.Status, started.JobId));
            Assert.Null(started.StartedAt);
            var seen = new List<TrainingJobInfo> { started };
            var final = await model.WaitForTrainingAsync(started, seen.Add, TimeSpan.FromMinutes(3));
            output.WriteLine($"start answered in {answeredIn.TotalMilliseconds:F0} ms; job done in {watch.Elapsed.TotalSeconds:F1} s; " +
                string.Join(", ", seen.Select(s => $"{s.Stage}:{s.Step}").Distinct()));

            Assert.True(answeredIn < TimeSpan.FromSeconds(5), $"the start took {answeredIn}");
            Assert.Equal((TrainingJobStatus.Succeeded, TrainingStages.Done, 1), (final.Status, final.Stage, final.Attempt));
            Assert.NotNull(final.FinishedAt);
            Assert.Contains(seen, s => s.Status == TrainingJobStatus.Running);
            var info = await model.GetInfoAsync();
            Assert.Equal(info.Iterations, final.Step);
            Assert.True(info.TrainingAccuracy > 0.5);

            // The same request answers the same (finished) job; a different one is a conflict; the model serves inferences.
            Assert.Equal(TrainingJobStatus.Succeeded, (await model.StartTrainingAsync(new TrainModelRequest("job-owner", "job-dn", 1, 1_000))).Status);
            var conflict = await Assert.ThrowsAsync<OpenLedgerException>(() => model.StartTrainingAsync(new TrainModelRequest("job-owner", "job-dn", 1, 2_000)));
            Assert.Equal("model.exists", conflict.ErrorCode);
            await AssertServesInferencesAsync(cluster.Client, "job-model", dimension: 100);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Limits_are_refused_with_codes_before_anything_is_recorded()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var cluster = await StartClusterAsync("job-limits", silos: 2);
        try
        {
            // A Datanet whose schema alone breaks the cap: 65,536 features × 2 classes is P = 131,074 (an int overflow in P² before).
            await cluster.Client.GetGrain<IDatanetGrain>("wide-dn").CreateAsync("wide-owner", Scenario.Metadata(65_536, 2));
            // 400 features × 10 classes is P = 4,010 (allowed); 410 × 10 is P = 4,110 (over the default 4,096).
            await cluster.Client.GetGrain<IDatanetGrain>("over-dn").CreateAsync("over-owner", Scenario.Metadata(410, 10));
            await PublishSyntheticAsync(cluster.Client, "small-dn", rows: 200, dimension: 8, classes: 3);

            var cases = new (string Model, TrainModelRequest Request, string Code)[]
            {
                ("wide-model", new TrainModelRequest("m-owner", "wide-dn", 1, 1_000), "training.too_many_parameters"),
                ("over-model", new TrainModelRequest("m-owner", "over-dn", 1, 1_000), "training.too_many_parameters"),
                ("tiny-lambda", new TrainModelRequest("m-owner", "small-dn", 1, 1_000, 1e-20), "training.lambda_out_of_range"),
                ("huge-lambda", new TrainModelRequest("m-owner", "small-dn", 1, 1_000, 1e5), "training.lambda_out_of_range"),
                ("bad-lambda", new TrainModelRequest("m-owner", "small-dn", 1, 1_000, double.NaN), "model.lambda"),
            };
            foreach (var (modelId, request, code) in cases)
            {
                var model = cluster.Client.GetGrain<IModelGrain>(modelId);
                var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => model.StartTrainingAsync(request));
                Assert.Equal((ErrorKind.Validation, code), (refused.Kind, refused.ErrorCode));
                output.WriteLine($"{modelId}: {refused.ErrorCode}: {refused.Message}");
                // Nothing was recorded: no job, no model; the id is still free.
                Assert.Equal("model.not_found", (await Assert.ThrowsAsync<OpenLedgerException>(() => model.GetTrainingJobAsync())).ErrorCode);
                Assert.Equal("model.not_found", (await Assert.ThrowsAsync<OpenLedgerException>(() => model.GetInfoAsync())).ErrorCode);
            }
            var fine = await cluster.Client.GetGrain<IModelGrain>("tiny-lambda").TrainAndWaitAsync(new TrainModelRequest("m-owner", "small-dn", 1, 1_000, 1e-8));
            Assert.Equal(1e-8, fine.Lambda);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_model_whose_job_has_not_succeeded_answers_not_ready()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var cluster = await StartClusterAsync("job-ready", silos: 2);
        try
        {
            await PublishSyntheticAsync(cluster.Client, "slow-dn", rows: 3_000, dimension: 100, classes: 8);
            var model = cluster.Client.GetGrain<IModelGrain>("slow-model");
            var started = await model.StartTrainingAsync(new TrainModelRequest("slow-owner", "slow-dn", 1, 1_000));

            var notReady = await Assert.ThrowsAsync<OpenLedgerException>(() => model.GetInfoAsync());
            Assert.Equal((ErrorKind.NotReady, "model.not_ready"), (notReady.Kind, notReady.ErrorCode));
            var session = cluster.Client.GetGrain<IInferenceSessionGrain>("slow-session");
            var refused = await Assert.ThrowsAsync<OpenLedgerException>(() => session.OpenAsync("slow-payer", "slow-model"));
            Assert.Equal((ErrorKind.NotReady, "model.not_ready"), (refused.Kind, refused.ErrorCode));

            await model.WaitForTrainingAsync(started, timeout: TimeSpan.FromMinutes(3));
            await AssertServesInferencesAsync(cluster.Client, "slow-model", dimension: 100);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    /// <summary>
    /// The silo running a several-second training job is killed mid-training (a crash: no deactivation). Reading the job
    /// activates it on a live silo, where it starts again (attempt 2) from its durable record and ends succeeded.
    /// </summary>
    [Fact]
    public async Task A_job_survives_the_silo_running_it_being_killed()
    {
        await AzuriteEnvironment.RequireRunningAsync();
        var cluster = await StartClusterAsync("job-kill", silos: 3);
        try
        {
            await PublishSyntheticAsync(cluster.Client, "kill-dn", rows: 3_000, dimension: 100, classes: 8);
            var primary = cluster.Silos[0].SiloAddress.ToString();
            // The primary silo hosts the test cluster's membership, so the victim must be another one: train under new ids
            // until a job lands elsewhere (each silo is equally likely).
            for (var attempt = 0; ; attempt++)
            {
                Assert.True(attempt < 8, "no job was placed off the primary silo");
                var model = cluster.Client.GetGrain<IModelGrain>($"kill-model-{attempt}");
                await model.StartTrainingAsync(new TrainModelRequest("kill-owner", "kill-dn", 1, 1_000));
                var job = await WaitUntilAsync(model, j => j.Stage == TrainingStages.Training || j.IsFinished);
                if (job.IsFinished || job.Silo is null || job.Silo == primary) continue;

                var victim = cluster.Silos.Single(s => s.SiloAddress.ToString() == job.Silo);
                output.WriteLine($"killing {victim.SiloAddress} while the job is in {job.Stage}, Newton step {job.Step}");
                await cluster.KillSiloAsync(victim);

                var watch = Stopwatch.StartNew();
                var final = await model.WaitForTrainingAsync(timeout: TimeSpan.FromMinutes(4));
                output.WriteLine($"job ended {final.Status} on attempt {final.Attempt}, {watch.Elapsed.TotalSeconds:F1} s after the kill");
                Assert.Equal(TrainingJobStatus.Succeeded, final.Status);
                Assert.True(final.Attempt >= 2, $"attempt {final.Attempt}: the job was not restarted");
                Assert.Equal(TrainingStages.Done, final.Stage);
                await AssertServesInferencesAsync(cluster.Client, $"kill-model-{attempt}", dimension: 100);
                break;
            }
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<TrainingJobInfo> WaitUntilAsync(IModelGrain model, Func<TrainingJobInfo, bool> reached)
    {
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (true)
        {
            var job = await model.GetTrainingJobAsync();
            if (reached(job)) return job;
            Assert.True(DateTime.UtcNow < deadline, $"job stayed in {job.Stage}");
            await Task.Delay(50);
        }
    }

    private static async Task AssertServesInferencesAsync(IClusterClient client, string modelId, int dimension)
    {
        var payer = $"payer-{modelId}";
        await client.GetGrain<Abstractions.Operators.IOperatorGrain>(Abstractions.Operators.OperatorIds.Main).DepositAsync($"fund-{payer}", payer, 100_000);
        var session = client.GetGrain<IInferenceSessionGrain>($"session-{modelId}");
        await session.OpenAsync(payer, modelId, topK: 5);
        var result = await session.InferAsync(new InferenceRequest("q-1", Enumerable.Range(0, dimension).Select(i => Math.Sin(i)).ToArray()));
        Assert.NotEmpty(result.Receipt.Influences);
    }

    /// <summary>
    /// A published version of <paramref name="rows"/> synthetic rows: each class has its own mean, rows are that mean plus
    /// noise (deterministic seed), from four contributors; every row approved.
    /// </summary>
    internal static async Task PublishSyntheticAsync(IGrainFactory grains, string datanetId, int rows, int dimension, int classes)
    {
        var datanet = grains.GetGrain<IDatanetGrain>(datanetId);
        var owner = $"{datanetId}-owner";
        await datanet.CreateAsync(owner, Scenario.Metadata(dimension, classes));
        var random = new Random(17);
        var means = Enumerable.Range(0, classes).Select(_ => Enumerable.Range(0, dimension).Select(_ => random.NextDouble() * 2 - 1).ToArray()).ToArray();
        var ids = new List<long>();
        const int contributors = 4;
        for (var c = 0; c < contributors; c++)
        {
            var count = rows / contributors;
            for (var chunk = 0; chunk * 1_000 < count; chunk++)
            {
                var batch = Enumerable.Range(0, Math.Min(1_000, count - chunk * 1_000)).Select(_ =>
                {
                    var label = random.Next(classes);
                    return new ContributionRow(means[label].Select(m => m + 1.5 * (random.NextDouble() - 0.5)).ToArray(), label);
                }).ToList();
                ids.AddRange((await datanet.SubmitAsync($"s-{c}-{chunk}", $"{datanetId}-contrib-{c}", batch)).Rows.Select(r => r.RowId));
            }
        }
        foreach (var batch in ids.Chunk(5_000)) await datanet.ReviewAsync(owner, batch, approve: true);
        await datanet.PublishVersionAsync(owner);
    }
}
