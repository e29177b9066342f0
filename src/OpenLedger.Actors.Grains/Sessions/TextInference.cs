using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Domain.Text;
using OpenLedger.Actors.Domain.Text.Rag;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>The checks a text inference (a language model's, a text classifier's) passes before its fee is reserved (so the attribution cannot refuse it later).</summary>
internal static class TextInference
{
    public static void Validate(ModelInfo model, InferenceRequest request)
    {
        if (request.Features is { Length: > 0 } || request.Representation is not null || request.Label is not null)
            throw OpenLedgerException.Validation("inference.features_unexpected", $"Model '{model.Id}' is a language model: send the generated text (and prompt), no features, representation or label.");
        RefuseRagFields(model, request);
        Guard.Valid(TextInferenceRules.Check(request.Text, request.Prompt).Problem);
    }

    /// <summary>A RAG model's inference: the question, the answer (as <c>text</c>), optionally the rows the answer was
    /// generated from or how many to retrieve (<see cref="RagInferenceRules"/>); no features, label or prompt. That the rows
    /// are documents of the version is checked by the model's attribution grain, also before the fee is reserved.</summary>
    public static void ValidateRag(ModelInfo model, InferenceRequest request)
    {
        if (request.Features is { Length: > 0 } || request.Representation is not null || request.Label is not null)
            throw OpenLedgerException.Validation("inference.features_unexpected", $"Model '{model.Id}' is a RAG model: send the question and the answer (as text), no features, representation or label.");
        if (request.Prompt is not null)
            throw OpenLedgerException.Validation("inference.prompt_unexpected", $"Model '{model.Id}' is a RAG model: send the question, not a prompt.");
        Guard.Valid(RagInferenceRules.Check(request.Question, request.Text, request.RowIds, request.Retrieve).Problem);
    }

    /// <summary>Whether the request carries a RAG model's fields (question, rows, retrieve).</summary>
    public static bool SendsRagFields(InferenceRequest request) => request.Question is not null || request.RowIds is not null || request.Retrieve is not null;

    private static void RefuseRagFields(ModelInfo model, InferenceRequest request)
    {
        if (SendsRagFields(request))
            throw OpenLedgerException.Validation("inference.question_unexpected", $"Model '{model.Id}' is not a RAG model: send no question, rows or retrieve count.");
    }

    /// <summary>A text classifier's inference: the text to classify (same limits as generated text), optionally its label; no prompt.</summary>
    public static void ValidateClassifier(ModelInfo model, InferenceRequest request)
    {
        if (request.Features is { Length: > 0 } || request.Representation is not null)
            throw OpenLedgerException.Validation("inference.features_unexpected", $"Model '{model.Id}' is a text classifier: send the text (and optionally its label), no features or representation.");
        if (request.Prompt is not null)
            throw OpenLedgerException.Validation("inference.prompt_unexpected", $"Model '{model.Id}' is a text classifier: send the text to classify, no prompt.");
        RefuseRagFields(model, request);
        Guard.Valid(TextInferenceRules.Check(request.Text, null).Problem);
        if (request.Label is { } label) Guard.Valid(ContributionValidator.ValidateLabel(new FeatureSchema(model.Dimension, model.ClassCount), label));
    }
}
