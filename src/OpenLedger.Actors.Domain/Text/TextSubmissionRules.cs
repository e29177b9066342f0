using OpenLedger.Actors.Domain.Validation;

namespace OpenLedger.Actors.Domain.Text;

/// <summary>
/// The checks one text submission passes before a Datanet records it: 1 to <see cref="MaxDocuments"/> documents, each
/// normalised (<see cref="TextNormalizer"/>) to at most <see cref="MaxDocumentBytes"/> bytes of UTF-8, together at most
/// <see cref="MaxSubmissionBytes"/>; no two equal or nearly equal (MinHash, <see cref="NearDuplicateTextIndex"/>) to
/// each other or to a live document of the Datanet (the earlier one keeps the credit). Problems, never exceptions.
/// </summary>
public static class TextSubmissionRules
{
    public const int MaxDocuments = 100;
    public const int MaxDocumentBytes = 64 * 1024;
    public const int MaxSubmissionBytes = 1024 * 1024;

    /// <summary>The documents in normal form with their hashes, or the first problem (naming the document's index).</summary>
    public static (IReadOnlyList<TextDocument>? Documents, ValidationProblem? Problem) Normalize(IReadOnlyList<string?>? documents)
    {
        if (documents is null || documents.Count == 0) return (null, new("text.documents_missing", "Send at least one document."));
        if (documents.Count > MaxDocuments)
            return (null, new("submission.too_large", $"A text submission holds at most {MaxDocuments} documents; got {documents.Count}."));
        var normalized = new List<TextDocument>(documents.Count);
        long bytes = 0;
        for (var i = 0; i < documents.Count; i++)
        {
            var (document, problem) = TextDocument.Create(documents[i], MaxDocumentBytes);
            if (document is null) return (null, problem! with { Message = $"Document {i}: {problem!.Message}" });
            bytes += System.Text.Encoding.UTF8.GetByteCount(document.Text);
            if (bytes > MaxSubmissionBytes)
                return (null, new("submission.too_large", $"A text submission holds at most {MaxSubmissionBytes:N0} bytes of UTF-8 in all."));
            normalized.Add(document);
        }
        return (normalized, null);
    }

    /// <summary>
    /// Checks the optional labels of a submission's documents, one per document, each like a row's label (code
    /// <c>row.label</c>: in [0, <paramref name="classCount"/>)). A text Datanet without classes (class count 0) takes no
    /// labels (<c>text.labels_unexpected</c>); a list of another length than the documents is <c>text.labels_count</c>.
    /// </summary>
    public static ValidationProblem? CheckLabels(int classCount, int documentCount, IReadOnlyList<int>? labels)
    {
        if (labels is null) return null;
        if (classCount == 0) return new("text.labels_unexpected", "This text Datanet has no classes (class count 0): send documents without labels.");
        if (labels.Count != documentCount)
            return new("text.labels_count", $"Send one label per document: {documentCount} documents, {labels.Count} labels.");
        var schema = new FeatureSchema(0, classCount);
        for (var i = 0; i < labels.Count; i++)
            if (ContributionValidator.ValidateLabel(schema, labels[i], i) is { } problem) return problem;
        return null;
    }

    /// <summary>
    /// The first document that repeats a live one or an earlier one of the same submission (<paramref name="firstRowId"/>
    /// numbers the new ones): <c>text.duplicate</c> for equal content, <c>text.near_duplicate</c> above the threshold.
    /// The new documents are added to <paramref name="index"/> and <paramref name="liveHashes"/> as they pass.
    /// </summary>
    public static ValidationProblem? FindDuplicate(IReadOnlyList<TextDocument> documents, long firstRowId, NearDuplicateTextIndex index,
        IDictionary<string, long> liveHashes, double threshold = NearDuplicateTextIndex.DefaultThreshold)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            if (liveHashes.TryGetValue(documents[i].ContentHash, out var equal))
                return new("text.duplicate", $"Document {i} has the same content as row {equal}.");
            var signature = MinHashSignature.Of(documents[i].Text);
            if (index.FindDuplicate(signature, threshold) is { } match)
                return new("text.near_duplicate", $"Document {i} nearly repeats row {match.RowId} (estimated Jaccard similarity {match.EstimatedJaccard:F2} ≥ {threshold:F2}).");
            index.Add(firstRowId + i, signature);
            liveHashes[documents[i].ContentHash] = firstRowId + i;
        }
        return null;
    }
}
