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

    /// <summary>A document's normalised text (so a receipt's spans can be checked against it).</summary>
    [Alias("document")] Task<TextDocumentInfo> GetDocumentAsync(long rowId);
}
