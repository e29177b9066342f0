using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Sessions;

[GenerateSerializer]
public sealed class InferenceState
{
    /// <summary>Identifies the request body (features, label, session) the result answers.</summary>
    [Id(0)] public string? RequestFingerprint { get; set; }
    [Id(1)] public InferenceResult? Result { get; set; }
}
