using System.Text;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// What a language model's inference must send: the generated text, non-empty after normalisation
/// (<see cref="TextNormalizer"/>: span offsets in the receipt refer to that normal form) and at most
/// <see cref="MaxOutputBytes"/> bytes of UTF-8; optionally the prompt, at most as large (only its hash is kept).
/// </summary>
public static class TextInferenceRules
{
    public const int MaxOutputBytes = 8 * 1024;

    /// <summary>The output in normal form, or the problem (codes <c>inference.text_*</c>, <c>inference.prompt_too_large</c>).</summary>
    public static (string? Output, ValidationProblem? Problem) Check(string? output, string? prompt)
    {
        if (output is null) return (null, new("inference.text_missing", "A language model's inference sends the generated text."));
        var (text, problem) = TextNormalizer.Normalize(output, MaxOutputBytes);
        if (text is null) return (null, new(InferenceCodeOf(problem!.Code), $"The generated text: {problem.Message}"));
        if (prompt is not null && (prompt.Length > 4 * MaxOutputBytes || Encoding.UTF8.GetByteCount(prompt) > MaxOutputBytes))
            return (null, new("inference.prompt_too_large", $"The prompt is larger than {MaxOutputBytes:N0} bytes of UTF-8."));
        return (text, null);
    }

    /// <summary>A normaliser code <c>text.x</c> as the inference's code <c>inference.text_x</c> (all listed in the HTTP problem catalogue).</summary>
    public static string InferenceCodeOf(string textCode) => "inference." + textCode.Replace('.', '_');
}
