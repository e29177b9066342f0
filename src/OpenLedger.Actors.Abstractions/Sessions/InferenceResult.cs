namespace OpenLedger.Actors.Abstractions.Sessions;

[GenerateSerializer, Immutable, Alias("openledger.inference-result")]
public sealed record InferenceResult(
    [property: Id(0)] string InferenceId,
    [property: Id(1)] string SessionId,
    [property: Id(2)] int PredictedClass,
    [property: Id(3)] double[] Probabilities,
    [property: Id(4)] AttributionReceipt Receipt,
    [property: Id(5)] DateTimeOffset CompletedAt);
