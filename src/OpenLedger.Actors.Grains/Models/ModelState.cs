using OpenLedger.Actors.Abstractions.Models;

namespace OpenLedger.Actors.Grains.Models;

[GenerateSerializer]
public sealed class ModelState
{
    [Id(0)] public TrainModelRequest? Request { get; set; }
    [Id(1)] public ModelInfo? Info { get; set; }

    /// <summary>For an external model: a SHA-256 of its registration request (a repeat must match it).</summary>
    [Id(2)] public string? ExternalRequestFingerprint { get; set; }

    /// <summary>
    /// True from when the training job records the trained model until its attribution index is built: the model
    /// answers <c>model.not_ready</c> meanwhile. False for models recorded before jobs existed (they are ready).
    /// </summary>
    [Id(3)] public bool TrainingPending { get; set; }

    /// <summary>For a language model: its registration (the span index job builds its index from it).</summary>
    [Id(4)] public RegisterLanguageModelRequest? LanguageModel { get; set; }
}
