using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

/// <summary>
/// A language model's span index job (keyed by model id; see <see cref="SpanIndexJobGrain"/>). Internal: only the model
/// grain starts it, after checking the registration; clients read it through <see cref="IModelGrain.GetTrainingJobAsync"/>.
/// </summary>
[Alias("openledger.ISpanIndexJobGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface ISpanIndexJobGrain : IGrainWithStringKey
{
    /// <summary>Records the job (once; the same request again answers the same job) and starts it.</summary>
    [Alias("start")] Task<TrainingJobInfo> StartAsync(RegisterLanguageModelRequest request);

    /// <summary>The job as it stands, or null when none was started.</summary>
    [Alias("get")] Task<TrainingJobInfo?> GetAsync();
}
