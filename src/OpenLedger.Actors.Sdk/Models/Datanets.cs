namespace OpenLedger.Actors.Sdk.Models;

public sealed record DatanetMetadata(string Name, string Summary, string Description, IReadOnlyList<string> Tags, string Modality, int Dimension, int ClassCount);

public sealed record DatanetVersion(string DatanetId, int Version, int RowCount, string ArtifactKey, DateTimeOffset PublishedAt);

public sealed record Datanet(string Id, string Owner, DatanetMetadata Metadata, IReadOnlyList<string> Curators, int PendingCount, int ApprovedCount,
    int RejectedCount, IReadOnlyList<DatanetVersion> Versions, DateTimeOffset CreatedAt, IReadOnlyList<string>? InvitedCurators = null, int VersionCount = 0);

/// <summary>A row's public record (never its features). <see cref="Status"/>: Pending, Approved, Rejected, Duplicate, Adversarial.</summary>
public sealed record Contribution(string DatanetId, long RowId, string Contributor, string ContentHash, int Label, string Status, DateTimeOffset SubmittedAt, string SubmissionId);

/// <summary>
/// An entry of a Datanet's rejection record: rows of one contributor rejected in one review (≤ 64 rows an entry), by whom,
/// why (<see cref="Adversarial"/>: rejected as adversarial, with its reason) and when. <see cref="Sequence"/> numbers the entries.
/// </summary>
public sealed record RejectedRows(long Sequence, long ReviewRound, string Contributor, IReadOnlyList<long> RowIds, string Curator, bool Adversarial,
    string? Reason, DateTimeOffset RejectedAt);

public sealed record SubmissionReceipt(string DatanetId, string SubmissionId, IReadOnlyList<Contribution> Rows, double? ValidationScore);

public sealed record ReviewResult(string DatanetId, int Changed);

public sealed record Model(string Id, string Owner, long FeePerInference, string Kind, double TrainingAccuracy, int Iterations, int Dimension, int ClassCount, DateTimeOffset TrainedAt);

/// <summary>
/// A model's training job: <see cref="Status"/> is <c>Queued</c>, <c>Running</c>, <c>Succeeded</c> or <c>Failed</c>;
/// <see cref="Stage"/> one of queued, loading, training, saving, indexing, done; <see cref="Step"/> the Newton steps taken
/// (at most <see cref="Steps"/>); <see cref="FailureCode"/> why a failed job failed (e.g. <c>training.numerical_failure</c>).
/// </summary>
public sealed record TrainingJob(string JobId, string ModelId, string Status, string Stage, int Step, int Steps, int Attempt,
    string? FailureCode, string? FailureMessage, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt)
{
    public bool IsFinished => Status is "Succeeded" or "Failed";
}

/// <summary>A text Datanet's document as stored: normalised text, content hash (SHA-256 of its UTF-8), GPT-2 token count and review status.</summary>
public sealed record TextDocument(string DatanetId, long RowId, string Contributor, string ContentHash, int TokenCount, string Text, string Status);

/// <summary>One submission a contributor made: rows <see cref="FirstRowId"/> to <c>FirstRowId + RowCount − 1</c> of <see cref="DatanetId"/>
/// (the Datanet lists each row's status).</summary>
public sealed record ContributorSubmission(string DatanetId, string SubmissionId, long FirstRowId, int RowCount);
