using OpenLedger.Actors.Abstractions.Errors;

namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>Starting a training job and waiting for it, for callers that want the trained model (tests, demo, CLI).</summary>
public static class ModelTrainingExtensions
{
    /// <summary>How often <see cref="TrainAndWaitAsync"/> asks for the job's status.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Starts the training job (<see cref="IModelGrain.StartTrainingAsync"/>) and polls it until it ends, reporting
    /// each status to <paramref name="progress"/>. A failed job throws an <see cref="OpenLedgerException"/> whose code is
    /// the job's failure code; a timeout throws <see cref="TimeoutException"/> and leaves the job running.
    /// </summary>
    public static async Task<ModelInfo> TrainAndWaitAsync(this IModelGrain model, TrainModelRequest request, Action<TrainingJobInfo>? progress = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var job = await model.StartTrainingAsync(request);
        progress?.Invoke(job);
        await WaitForTrainingAsync(model, job, progress, timeout, cancellationToken);
        return await model.GetInfoAsync();
    }

    /// <summary>Polls a started job until it succeeds (returns its final status) or fails (throws with its code).</summary>
    public static async Task<TrainingJobInfo> WaitForTrainingAsync(this IModelGrain model, TrainingJobInfo? started = null, Action<TrainingJobInfo>? progress = null,
        TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var deadline = DateTimeOffset.UtcNow + (timeout ?? TimeSpan.FromMinutes(30));
        var job = started ?? await model.GetTrainingJobAsync();
        while (!job.IsFinished)
        {
            if (DateTimeOffset.UtcNow > deadline)
                throw new TimeoutException($"Training job '{job.JobId}' is still {job.Stage} (attempt {job.Attempt}); it carries on.");
            await Task.Delay(DefaultPollInterval, cancellationToken);
            try
            {
                job = await model.GetTrainingJobAsync();
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                continue; // the silo running the job went away: asking again activates it elsewhere, where it restarts
            }
            progress?.Invoke(job);
        }
        if (job.Status == TrainingJobStatus.Failed)
            throw OpenLedgerException.Validation(job.FailureCode ?? "training.failed", job.FailureMessage ?? $"Training job '{job.JobId}' failed.");
        return job;
    }
}
