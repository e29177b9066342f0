namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>
/// A model's training job as it stands. One job per model id (a model is trained once), so the job id is the model
/// id. <see cref="Step"/> counts Newton steps taken in the current attempt (at most <see cref="Steps"/>; training
/// usually stops well before, when the gradient is small enough). <see cref="Attempt"/> counts starts: a silo
/// restart mid-job starts it again from the beginning (training is deterministic, so the result is the same).
/// </summary>
/// <param name="FailureCode">For a failed job, the reason as a stable code, e.g. <c>training.numerical_failure</c>.</param>
/// <param name="Silo">The silo running the job now, while it runs.</param>
[GenerateSerializer, Immutable, Alias("openledger.training-job-info")]
public sealed record TrainingJobInfo(
    [property: Id(0)] string JobId,
    [property: Id(1)] string ModelId,
    [property: Id(2)] TrainingJobStatus Status,
    [property: Id(3)] string Stage,
    [property: Id(4)] int Step,
    [property: Id(5)] int Steps,
    [property: Id(6)] int Attempt,
    [property: Id(7)] string? FailureCode,
    [property: Id(8)] string? FailureMessage,
    [property: Id(9)] DateTimeOffset CreatedAt,
    [property: Id(10)] DateTimeOffset? StartedAt,
    [property: Id(11)] DateTimeOffset UpdatedAt,
    [property: Id(12)] DateTimeOffset? FinishedAt,
    [property: Id(13)] string? Silo = null)
{
    public bool IsFinished => Status is TrainingJobStatus.Succeeded or TrainingJobStatus.Failed;
}
