using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>The checks a text inference (a language model's, a text classifier's) passes before its fee is reserved (so the attribution cannot refuse it later).</summary>
internal static class TextInference
{
    public static void Validate(ModelInfo model, InferenceRequest request)
    {
        if (request.Features is { Length: > 0 } || request.Representation is not null || request.Label is not null)
            throw OpenLedgerException.Validation("inference.features_unexpected", $"Model '{model.Id}' is a language model: send the generated text (and prompt), no features, representation or label.");
        Guard.Valid(TextInferenceRules.Check(request.Text, request.Prompt).Problem);
    }

    /// <summary>A text classifier's inference: the text to classify (same limits as generated text), optionally its label; no prompt.</summary>
    public static void ValidateClassifier(ModelInfo model, InferenceRequest request)
    {
        if (request.Features is { Length: > 0 } || request.Representation is not null)
            throw OpenLedgerException.Validation("inference.features_unexpected", $"Model '{model.Id}' is a text classifier: send the text (and optionally its label), no features or representation.");
        if (request.Prompt is not null)
            throw OpenLedgerException.Validation("inference.prompt_unexpected", $"Model '{model.Id}' is a text classifier: send the text to classify, no prompt.");
        Guard.Valid(TextInferenceRules.Check(request.Text, null).Problem);
        if (request.Label is { } label) Guard.Valid(ContributionValidator.ValidateLabel(new FeatureSchema(model.Dimension, model.ClassCount), label));
    }
}
