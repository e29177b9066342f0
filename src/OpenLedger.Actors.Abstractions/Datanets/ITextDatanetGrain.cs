namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>
/// The document side of a Datanet whose modality is <see cref="DatanetModalities.Text"/> (same key, same grain as
/// <see cref="IDatanetGrain"/>: documents are reviewed, versioned and listed there like rows). Refusals throw
/// <see cref="Errors.OpenLedgerException"/> and change nothing.
/// </summary>
[Alias("openledger.ITextDatanetGrain")]
public interface ITextDatanetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Normalises, hashes, tokenises (GPT-2) and records documents as pending rows; idempotent per
    /// <paramref name="submissionId"/>. Same stake and quota rules as rows. A document equal to a live (pending or
    /// approved) one is refused with <c>text.duplicate</c>, a near-duplicate (MinHash Jaccard ≥ 0.8) with
    /// <c>text.near_duplicate</c>; bad text with a <c>text.*</c> code.
    /// </summary>
    [Alias("submit-text")] Task<SubmissionReceipt> SubmitTextAsync(string submissionId, string contributorAccount, IReadOnlyList<string> documents);

    /// <summary>
    /// <see cref="SubmitTextAsync"/> with a label per document (<paramref name="labels"/>, or null for none), for a text
    /// Datanet with classes (class count ≥ 2): each label in [0, class count) like a row's (<c>row.label</c>); labels sent
    /// to a Datanet without classes are <c>text.labels_unexpected</c>, a list of the wrong length <c>text.labels_count</c>.
    /// A text classifier trains on a version whose documents all carry labels.
    /// </summary>
    [Alias("submit-labelled-text")] Task<SubmissionReceipt> SubmitLabelledTextAsync(string submissionId, string contributorAccount, IReadOnlyList<string> documents, IReadOnlyList<int>? labels);

    /// <summary>A document's normalised text (so a receipt's spans can be checked against it).</summary>
    [Alias("document")] Task<TextDocumentInfo> GetDocumentAsync(long rowId);
}
