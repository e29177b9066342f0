using System.Diagnostics;
using Microsoft.Extensions.Logging;
using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Datanets;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Training;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Grains.Text;
using OpenLedger.Actors.Grains.Telemetry;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// Trains one model as a durable job: load the Datanet version, Newton's method, save the parameters and record the
/// model, build the attribution index, mark the model ready. The record (request, status, stage, attempt, timestamps,
/// failure reason) is grain state, written at every stage change; a reminder, registered when the job is recorded and
/// dropped when it ends, wakes the job on a live silo after a crash, and any read of the job (activation) starts it
/// again too. A restart begins again from the start: training is deterministic and every write it makes is idempotent
/// (content-addressed artifacts, the model's record), so a second attempt reaches the same model.
/// <para>
/// How it runs: the job is a task started on the grain's scheduler, outside any request (a request only records the
/// job and returns), and the CPU-bound parts (training, the index build in the attribution grain) run on the thread
/// pool and are awaited. So every turn of this grain is short: status reads are answered while the job works, and the
/// state is only touched on the grain's single thread. Newton progress is read from a field the training thread
/// updates after each step (not persisted: a restart starts the count again).
/// </para>
/// Failures that retrying cannot fix (bad data, numerical failure, non-convergence, a refused request) end the job
/// <see cref="TrainingJobStatus.Failed"/> with a code; anything else (storage, a silo going away) leaves it running for
/// the reminder to retry, up to <see cref="MaxAttempts"/> starts.
/// </summary>
public sealed class TrainingJobGrain(
    [PersistentState("training-job", StorageNames.GrainState)] IPersistentState<TrainingJobState> state,
    IArtifactStore artifacts,
    ITextEmbedder embedder,
    TimeProvider clock,
    ILogger<TrainingJobGrain> logger) : Grain, ITrainingJobGrain, IRemindable
{
    public const int MaxAttempts = 5;
    public const int MaxFailureMessageLength = 512;
    private const string ResumeReminder = "resume-training";
    private static readonly TimeSpan ResumePeriod = TimeSpan.FromMinutes(1); // Orleans' shortest reminder period
    private static readonly TimeSpan IndexPollInterval = TimeSpan.FromMilliseconds(250);

    private Task? _run;
    private int _step; // Newton steps taken by the running attempt (written by the training thread)
    private bool _training;

    private string ModelId => this.GetPrimaryKeyString();
    private TrainingJobState S => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        EnsureRunning(); // woken after a restart (by the reminder or a status read): an unfinished job carries on
        return Task.CompletedTask;
    }

    public async Task<TrainingJobInfo> StartAsync(TrainModelRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (S.Info is not null)
        {
            if (S.Request != request)
                throw OpenLedgerException.Conflict("model.exists", $"Model '{ModelId}' already has a training job for a different request; use a new model id.");
            EnsureRunning();
            return Current();
        }
        var now = clock.GetUtcNow();
        S.Request = request;
        S.Info = new TrainingJobInfo(ModelId, ModelId, TrainingJobStatus.Queued, TrainingStages.Queued, 0, new TrainerOptions().MaxIterations, 0,
            null, null, now, null, now, null);
        await state.WriteOrReloadAsync(this);
        await this.RegisterOrUpdateReminder(ResumeReminder, ResumePeriod, ResumePeriod);
        logger.LogInformation("Training job for model {ModelId} queued ({DatanetId} v{Version}, λ={Lambda})", ModelId, request.DatanetId, request.DatanetVersion, request.Lambda);
        EnsureRunning();
        return Current();
    }

    public Task<TrainingJobInfo?> GetAsync() => Task.FromResult(S.Info is null ? null : Current());

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ResumeReminder) return;
        if (S.Info is null or { IsFinished: true })
        {
            await DropReminderAsync();
            return;
        }
        EnsureRunning();
    }

    /// <summary>Starts the job's work in this activation unless it is already running or over.</summary>
    private void EnsureRunning()
    {
        if (S.Info is null or { IsFinished: true }) return;
        if (_run is { IsCompleted: false }) return;
        _run = RunAsync();
    }

    private TrainingJobInfo Current() =>
        _run is { IsCompleted: false }
            ? S.Info! with { Step = _training ? Volatile.Read(ref _step) : S.Info.Step, Silo = RuntimeIdentity }
            : S.Info!;

    private async Task RunAsync()
    {
        await Task.Yield(); // return to the caller's turn first: the request that started the job answers at once
        var request = S.Request!;
        var started = Stopwatch.GetTimestamp();
        this.DelayDeactivation(TimeSpan.FromHours(2)); // not idle while it works, though no call arrives
        try
        {
            var attempt = S.Info!.Attempt + 1;
            if (attempt > MaxAttempts)
            {
                await FailAsync("training.internal_error", $"The job did not complete in {MaxAttempts} attempts; see the silo logs.");
                return;
            }
            var now = clock.GetUtcNow();
            await SaveAsync(S.Info with { Status = TrainingJobStatus.Running, Stage = TrainingStages.Loading, Attempt = attempt, Step = 0,
                StartedAt = S.Info.StartedAt ?? now, UpdatedAt = now });

            var datanet = GrainFactory.GetGrain<IDatanetGrain>(request.DatanetId);
            var version = await datanet.GetVersionAsync(request.DatanetVersion);
            var datanetInfo = await datanet.GetInfoAsync();
            var isText = DatanetModalities.IsText(datanetInfo.Metadata.Modality);
            var (matrix, matrixKey) = isText
                ? await EmbedAsync(version, datanetInfo.Metadata.ClassCount)
                : (VersionMatrix.Decode(await artifacts.GetAsync(version.ArtifactKey)), version.ArtifactKey);
            var data = matrix.ToDataset();
            if (data.Labels.Distinct().Count() < 2)
                throw OpenLedgerException.Validation("model.one_class", "The version's rows hold a single class; at least two are needed to train.");

            await SaveAsync(S.Info with { Stage = TrainingStages.Training, Step = 0, Steps = new TrainerOptions().MaxIterations, UpdatedAt = clock.GetUtcNow() });
            TrainingResult result;
            using (OpenLedgerTelemetry.ActivitySource.StartActivity("model.train"))
            {
                Volatile.Write(ref _step, 0);
                _training = true;
                var options = new TrainerOptions { Lambda = request.Lambda, StepTaken = step => Volatile.Write(ref _step, step) };
                try
                {
                    result = await Task.Run(() => LogisticRegressionTrainer.Train(data, options)); // CPU-bound: off the grain's scheduler
                }
                finally
                {
                    _training = false;
                }
            }

            await SaveAsync(S.Info with { Stage = TrainingStages.Saving, Step = result.Iterations, UpdatedAt = clock.GetUtcNow() });
            var artifactKey = await artifacts.PutAsync(ModelArtifact.Encode(result.Model));
            var info = new ModelInfo(ModelId, request.OwnerAccount, request.FeePerInference,
                new TrainingManifest(request.DatanetId, version.Version, matrix.RowCount, matrixKey),
                request.Lambda, result.MeanCrossEntropy, result.Accuracy, result.GradientNorm, result.Iterations,
                matrix.Dimension, matrix.ClassCount, artifactKey, datanetInfo.Curators, clock.GetUtcNow(),
                isText ? ModelKinds.TextClassifier : ModelKinds.BuiltIn);
            var model = GrainFactory.GetGrain<IModelTrainingSink>(ModelId);
            await model.RecordTrainedAsync(info);

            await SaveAsync(S.Info with { Stage = TrainingStages.Indexing, UpdatedAt = clock.GetUtcNow() });
            var attribution = GrainFactory.GetGrain<IAttributionGrain>(ModelId);
            while (!await attribution.PrepareIndexAsync()) await Task.Delay(IndexPollInterval);
            await model.MarkReadyAsync();

            now = clock.GetUtcNow();
            await SaveAsync(S.Info with { Status = TrainingJobStatus.Succeeded, Stage = TrainingStages.Done, UpdatedAt = now, FinishedAt = now });
            logger.LogInformation("Trained model {ModelId} on {DatanetId} v{Version}: {Rows} rows, {Iterations} Newton steps, ‖∇J‖={GradientNorm:E2}, accuracy {Accuracy:P2}, attempt {Attempt}, {Elapsed:F0} ms",
                ModelId, request.DatanetId, version.Version, matrix.RowCount, result.Iterations, result.GradientNorm, result.Accuracy, S.Info.Attempt,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            await DropReminderAsync();
        }
        catch (OpenLedgerException e) when (e.Kind is not ErrorKind.NotReady)
        {
            await FailAsync(e.ErrorCode, e.Message); // refused input (a version gone, one class): the same on every attempt
        }
        catch (TrainingNumericalFailureException e)
        {
            await FailAsync("training.numerical_failure", e.Message);
        }
        catch (TrainingDidNotConvergeException e)
        {
            await FailAsync("model.not_converged", e.Message);
        }
        catch (Exception e)
        {
            // Transient (storage, a silo going away): the job stays running; the reminder starts the next attempt.
            logger.LogWarning(e, "Training job for model {ModelId} stopped in stage {Stage} (attempt {Attempt}); the reminder retries it", ModelId, S.Info?.Stage, S.Info?.Attempt);
        }
        finally
        {
            this.DelayDeactivation(TimeSpan.Zero);
        }
    }

    /// <summary>
    /// A text Datanet version's embedded matrix (stage <see cref="TrainingStages.Embedding"/>, progress in documents): stored
    /// once per version and embedder (<see cref="TextVersionEmbedding"/>), reused by later jobs.
    /// </summary>
    private async Task<(VersionMatrix Matrix, string Key)> EmbedAsync(DatanetVersionInfo version, int classCount)
    {
        await SaveAsync(S.Info! with { Stage = TrainingStages.Embedding, Step = 0, Steps = version.RowCount, UpdatedAt = clock.GetUtcNow() });
        Volatile.Write(ref _step, 0);
        _training = true;
        try
        {
            var started = Stopwatch.GetTimestamp();
            var embedded = await TextVersionEmbedding.LoadOrEmbedAsync(GrainFactory, artifacts, embedder, version, classCount, (done, _) => Volatile.Write(ref _step, done));
            logger.LogInformation("Model {ModelId}: {DatanetId} v{Version} embedded with {Embedder} ({Rows} documents, {Elapsed:F0} ms, matrix {Key})",
                ModelId, version.DatanetId, version.Version, embedder.Name, embedded.Matrix.RowCount, Stopwatch.GetElapsedTime(started).TotalMilliseconds, embedded.Key);
            return embedded;
        }
        finally
        {
            _training = false;
        }
    }

    private async Task FailAsync(string code, string message)
    {
        try
        {
            var now = clock.GetUtcNow();
            await SaveAsync(S.Info! with { Status = TrainingJobStatus.Failed, FailureCode = code,
                FailureMessage = message.Length <= MaxFailureMessageLength ? message : message[..MaxFailureMessageLength], UpdatedAt = now, FinishedAt = now });
            logger.LogWarning("Training job for model {ModelId} failed: {Code}: {Message}", ModelId, code, message);
            await DropReminderAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Training job for model {ModelId} could not record its failure ({Code}); the reminder retries it", ModelId, code);
        }
    }

    private async Task SaveAsync(TrainingJobInfo info)
    {
        S.Info = info;
        await state.WriteOrReloadAsync(this);
    }

    private async Task DropReminderAsync()
    {
        try
        {
            if (await this.GetReminder(ResumeReminder) is { } reminder) await this.UnregisterReminder(reminder);
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Training job for model {ModelId} left its reminder; its next tick finds the job over and drops it", ModelId);
        }
    }
}
