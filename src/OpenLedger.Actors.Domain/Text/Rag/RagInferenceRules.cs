using System.Text;
using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Text.Rag;

/// <summary>
/// What a RAG model's inference must send, checked before its fee is reserved: the question (non-empty, at most
/// <see cref="MaxQuestionBytes"/> bytes of UTF-8; only its hash is kept), the answer (the generated text, checked as a
/// language model's output by <see cref="TextInferenceRules"/>, at most <see cref="MaxAnswerTokens"/> GPT-2 tokens), and
/// either the rows the client retrieved (1 to <see cref="MaxDocuments"/>, distinct; that they exist in the version is
/// checked against the version by the attribution grain) or how many the model should retrieve (1 to
/// <see cref="MaxDocuments"/>; <see cref="DefaultRetrieve"/> when neither is sent). Those bounds keep context attribution
/// (masks × documents × answer tokens × order) well inside one grain call.
/// </summary>
public static class RagInferenceRules
{
    public const int MaxDocuments = 16;
    public const int DefaultRetrieve = 6;
    public const int MaxQuestionBytes = 2 * 1024;
    public const int MaxAnswerTokens = 1_024;

    /// <summary>The answer in normal form, or the first problem found.</summary>
    public static (string? Answer, ValidationProblem? Problem) Check(string? question, string? answer, IReadOnlyList<long>? rowIds, int? retrieve)
    {
        if (string.IsNullOrWhiteSpace(question))
            return (null, new("inference.question_missing", "A RAG inference sends the question the answer replies to."));
        if (question.Length > 4 * MaxQuestionBytes || Encoding.UTF8.GetByteCount(question) > MaxQuestionBytes)
            return (null, new("inference.question_too_large", $"The question is larger than {MaxQuestionBytes:N0} bytes of UTF-8."));
        var (text, problem) = TextInferenceRules.Check(answer, null);
        if (text is null) return (null, problem);
        if (Gpt2TextTokenizer.Shared.Encode(text).Length > MaxAnswerTokens)
            return (null, new("inference.answer_too_long", $"The answer is longer than {MaxAnswerTokens:N0} GPT-2 tokens."));
        if (rowIds is not null)
        {
            if (retrieve is not null)
                return (null, new("inference.retrieve_unexpected", "Send either the rows the answer was generated from or how many the model should retrieve, not both."));
            if (rowIds.Count == 0)
                return (null, new("inference.rows_empty", "The list of retrieved rows is empty; leave it out to have the model retrieve."));
            if (rowIds.Count > MaxDocuments)
                return (null, new("inference.rows_too_many", $"At most {MaxDocuments} retrieved rows are attributed; {rowIds.Count} were sent."));
            if (rowIds.Distinct().Count() != rowIds.Count)
                return (null, new("inference.rows_duplicate", "The retrieved rows list a row more than once."));
        }
        else if (retrieve is { } n && n is < 1 or > MaxDocuments)
        {
            return (null, new("inference.retrieve_invalid", $"Retrieve between 1 and {MaxDocuments} documents."));
        }
        return (text, null);
    }
}
