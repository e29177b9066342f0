namespace OpenLedger.Actors.Abstractions.Models;

/// <summary>
/// A model, keyed by its id. Trained once, then immutable: a retrained model is a new model id, so every
/// receipt names exactly the parameters it was computed with.
/// </summary>
[Alias("openledger.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Trains the model; repeating the same request returns the same model, a different one is a conflict.</summary>
    [Alias("train")] Task<ModelInfo> TrainAsync(TrainModelRequest request);

    /// <summary>Registers an externally trained model (manifest + row embeddings); repeating the same request
    /// returns the same model, a different one is a conflict.</summary>
    [Alias("register-external")] Task<ModelInfo> RegisterExternalAsync(RegisterExternalModelRequest request);

    [Alias("info")] Task<ModelInfo> GetInfoAsync();

    /// <summary>The Datanet row ids the model was trained on, in training order.</summary>
    [Alias("rows")] Task<IReadOnlyList<long>> GetTrainingRowIdsAsync();
}
