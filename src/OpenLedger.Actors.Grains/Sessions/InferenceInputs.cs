using OpenLedger.Actors.Abstractions.Governance;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// What the first attempt of an inference fixed before reserving its fee, recorded durably so every retry uses the
/// same: the session (payer), the model as it was (fee, owner, curators, Datanet version), the governed parameter
/// version in force, the top-k (the session's, capped by that version's) and the reservation's timeout. A retry never
/// reads these afresh, so a governance vote, a retrained model or a changed setting cannot change what it charges.
/// </summary>
[GenerateSerializer, Immutable, Alias("openledger.inference-inputs")]
public sealed record InferenceInputs(
    [property: Id(0)] SessionInfo Session,
    [property: Id(1)] ModelInfo Model,
    [property: Id(2)] ParametersInForce Governed,
    [property: Id(3)] int TopK,
    [property: Id(4)] TimeSpan ReservationTimeout)
{
    public long Fee => Model.FeePerInference;
}
