using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Text;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>The checks a language model's inference passes before its fee is reserved (so the span trace cannot refuse it later).</summary>
internal static class TextInference
{
    public static void Validate(ModelInfo model, InferenceRequest request)
    {
        if (request.Features is { Length: > 0 } || request.Representation is not null || request.Label is not null)
            throw OpenLedgerException.Validation("inference.features_unexpected", $"Model '{model.Id}' is a language model: send the generated text (and prompt), no features, representation or label.");
        Guard.Valid(TextInferenceRules.Check(request.Text, request.Prompt).Problem);
    }
}
