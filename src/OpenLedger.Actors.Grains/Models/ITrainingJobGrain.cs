using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// A model's training job (keyed by model id; see <see cref="TrainingJobGrain"/>). Internal: only the model grain
/// starts it, after checking the request; clients read it through <see cref="IModelGrain.GetTrainingJobAsync"/>.
/// </summary>
[Alias("openledger.ITrainingJobGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface ITrainingJobGrain : IGrainWithStringKey
{
    /// <summary>Records the job (once; the same request again answers the same job) and starts it.</summary>
    [Alias("start")] Task<TrainingJobInfo> StartAsync(TrainModelRequest request);

    /// <summary>The job as it stands, or null when none was started.</summary>
    [Alias("get")] Task<TrainingJobInfo?> GetAsync();
}
