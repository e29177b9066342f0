namespace OpenLedger.Actors.Http.Contracts;

/// <summary>Create a Datanet owned (and curated) by the caller's account.</summary>
public sealed record CreateDatanetRequest(
    string Name,
    string Summary,
    string Description,
    IReadOnlyList<string> Tags,
    string Modality,
    int Dimension,
    int ClassCount);

/// <summary>One row offered to a Datanet.</summary>
public sealed record SubmittedRow(double[] Features, int Label);

/// <summary>Rows submitted by the caller's account; <paramref name="SubmissionId"/> makes retries safe.</summary>
public sealed record SubmitContributionsRequest(string SubmissionId, IReadOnlyList<SubmittedRow> Rows);

/// <summary>Documents submitted by the caller's account to a text Datanet (UTF-8 text each); <paramref name="SubmissionId"/> makes retries safe.
/// <paramref name="Labels"/>, for a Datanet with classes: one label per document (a text classifier's training labels).</summary>
public sealed record SubmitDocumentsRequest(string SubmissionId, IReadOnlyList<string> Documents, IReadOnlyList<int>? Labels = null);

/// <summary>
/// Approve (or reject) pending rows; the caller must curate the Datanet. <paramref name="Reason"/>: with a rejection only
/// (≤ 200 characters), kept with the rejected rows in the Datanet's rejection record.
/// </summary>
public sealed record ReviewRequest(IReadOnlyList<long> RowIds, bool Approve, string? Reason = null);

public sealed record ReviewResult(string DatanetId, int Changed);
