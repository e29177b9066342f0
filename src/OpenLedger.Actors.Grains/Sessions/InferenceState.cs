using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// An inference's progress, one write per step: <see cref="Inputs"/> (before the fee is reserved), then
/// <see cref="Outcome"/> (after the scan, before the post), then <see cref="Result"/> (after the post: the receipt).
/// </summary>
[GenerateSerializer]
public sealed class InferenceState
{
    /// <summary>Identifies the request body (features, label, session) the inference answers.</summary>
    [Id(0)] public string? RequestFingerprint { get; set; }
    [Id(1)] public InferenceResult? Result { get; set; }
    [Id(2)] public InferenceInputs? Inputs { get; set; }
    [Id(3)] public InferenceOutcome? Outcome { get; set; }
}
