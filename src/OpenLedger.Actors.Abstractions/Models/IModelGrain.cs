namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>
/// A model, keyed by its id. Trained once, then immutable: a retrained model is a new model id, so every
/// receipt names exactly the parameters it was computed with.
/// </summary>
[Alias("openledger.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Checks the request against the governed training limits and starts (or finds) the model's training job,
    /// answering at once with its status; the work runs as a durable job off the request path (see
    /// <see cref="TrainingJobInfo"/>; <see cref="ModelTrainingExtensions.TrainAndWaitAsync"/> waits for it). The same
    /// request again answers the same job; a different one is a conflict. A refused request records nothing.
    /// </summary>
    [Alias("start-training")] Task<TrainingJobInfo> StartTrainingAsync(TrainModelRequest request);

    /// <summary>The model's training job (<c>model.not_found</c> if training was never requested).</summary>
    [Alias("training-job")] Task<TrainingJobInfo> GetTrainingJobAsync();

    /// <summary>Registers an externally trained model (manifest + row embeddings); repeating the same request
    /// returns the same model, a different one is a conflict.</summary>
    [Alias("register-external")] Task<ModelInfo> RegisterExternalAsync(RegisterExternalModelRequest request);

    /// <summary>
    /// Registers an external language model trained on a text Datanet version and starts (or finds) the job building
    /// its span index (the same job status as training: <see cref="GetTrainingJobAsync"/>); the model answers
    /// <c>model.not_ready</c> until the index is built. The same request again answers the same job; a different one is
    /// a conflict. A refused request records nothing.
    /// </summary>
    [Alias("register-language-model")] Task<TrainingJobInfo> RegisterLanguageModelAsync(RegisterLanguageModelRequest request);

    /// <summary>The model, once usable: while its training job runs this answers <c>model.not_ready</c>
    /// (<see cref="Errors.ErrorKind.NotReady"/>), after a failed job <c>model.training_failed</c>.</summary>
    [Alias("info")] Task<ModelInfo> GetInfoAsync();

    /// <summary>The Datanet row ids the model was trained on, in training order.</summary>
    [Alias("rows")] Task<IReadOnlyList<long>> GetTrainingRowIdsAsync();
}
