using OpenLedger.Actors.Sdk.Models;
using OpenLedger.Actors.Sdk.Requests;

namespace OpenLedger.Actors.Sdk;

/// <summary>Starting a training job over HTTP and waiting for it.</summary>
public static class TrainingJobExtensions
{
    /// <summary>
    /// Starts training and polls the job every <paramref name="pollInterval"/> (default 500 ms) until it ends, reporting
    /// each status to <paramref name="progress"/>; answers the trained model. A failed job throws an
    /// <see cref="OpenLedgerApiException"/> whose code is the job's failure code.
    /// </summary>
    public static async Task<Model> TrainModelAndWaitAsync(this IOpenLedgerApi api, TrainModelRequest request, IProgress<TrainingJob>? progress = null,
        TimeSpan? pollInterval = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(request);
        var job = await api.TrainModelAsync(request, cancellationToken);
        progress?.Report(job);
        while (!job.IsFinished)
        {
            await Task.Delay(pollInterval ?? TimeSpan.FromMilliseconds(500), cancellationToken);
            job = await api.GetTrainingJobAsync(request.ModelId, cancellationToken);
            progress?.Report(job);
        }
        if (job.Status != "Succeeded")
            throw new OpenLedgerApiException(System.Net.HttpStatusCode.UnprocessableEntity, job.FailureCode ?? "training.failed", "Training failed",
                job.FailureMessage, null, null);
        return await api.GetModelAsync(request.ModelId, cancellationToken);
    }
}
