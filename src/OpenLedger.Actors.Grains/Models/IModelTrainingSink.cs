using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// What a training job tells its model grain (same key), and what the attribution index build reads before the model
/// is ready. Internal: clients cannot record a model or declare it ready.
/// </summary>
[Alias("openledger.IModelTrainingSink"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IModelTrainingSink : IGrainWithStringKey
{
    /// <summary>Records the trained model, not yet ready (its attribution index is still to be built).</summary>
    [Alias("record-trained")] Task RecordTrainedAsync(ModelInfo info);

    /// <summary>The index is built: the model serves inferences from now on and appears in the explorer.</summary>
    [Alias("mark-ready")] Task MarkReadyAsync();

    /// <summary>The trained model whether or not it is ready yet (the index build needs it); <c>model.not_ready</c> before training ends.</summary>
    [Alias("trained")] Task<ModelInfo> GetTrainedAsync();
}
