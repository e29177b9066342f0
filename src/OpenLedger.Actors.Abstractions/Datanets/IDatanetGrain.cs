using OpenLedger.Actors.Abstractions.Contributors;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Abstractions.Datanets;

/// <summary>
/// A community dataset, keyed by its id. Contributors submit rows; the owner approves or rejects them
/// and publishes immutable versions. Refusals throw <see cref="Errors.OpenLedgerException"/>.
/// </summary>
[Alias("openledger.IDatanetGrain")]
public interface IDatanetGrain : IGrainWithStringKey
{
    /// <summary>Creates the Datanet. Repeating the same call is a no-op; a different one is a conflict.</summary>
    [Alias("create")] Task<DatanetInfo> CreateAsync(string ownerAccount, DatanetMetadata metadata);

    [Alias("info")] Task<DatanetInfo> GetInfoAsync();

    /// <summary>
    /// Validates and records rows; idempotent per <paramref name="submissionId"/>. The contributor must hold the governed
    /// minimum stake and stay within the daily quotas (refusals change nothing); rows within the governed cosine cutoff of
    /// an existing row are recorded as <see cref="ContributionStatus.Duplicate"/> and penalise their contributor.
    /// </summary>
    [Alias("submit")] Task<SubmissionReceipt> SubmitAsync(string submissionId, string contributorAccount, IReadOnlyList<ContributionRow> rows);

    /// <summary>Approves or rejects pending rows; only a curator may. Re-reviewing a row the same way is a no-op.</summary>
    [Alias("review")] Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve);

    /// <summary>
    /// As <see cref="ReviewAsync(string, IReadOnlyList{long}, bool)"/>, with an optional <paramref name="reason"/> for a
    /// rejection (≤ 200 characters of display text: <c>text.too_long</c>, <c>text.control_characters</c>, …); a reason on an
    /// approval is refused (<c>review.reason_on_approval</c>). The rows a rejection changes are appended to the rejection
    /// record (<see cref="ListRejectionsAsync"/>) before the statuses are written; a repeated review changes nothing and appends nothing.
    /// </summary>
    [Alias("review-with-reason")] Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve, string? reason);

    /// <summary>
    /// The rejection record, newest first: at most <paramref name="limit"/> (1–1,000) entries numbered below
    /// <paramref name="before"/> (null: from the newest). Rejections and adversarial rejections alike, each with its reason.
    /// </summary>
    [Alias("rejections")] Task<IReadOnlyList<RejectedRows>> ListRejectionsAsync(long? before, int limit);

    /// <summary>
    /// Rejects rows as adversarial (e.g. flipped labels); only a curator may. Each contributor of a newly rejected row is
    /// penalised once per call (stake slashed through the ledger). Rows already adversarial are left as they are.
    /// </summary>
    [Alias("reject-adversarial")] Task<int> RejectAdversarialAsync(string curatorAccount, IReadOnlyList<long> rowIds, string reason);

    /// <summary>
    /// Invites an account to curate; only the owner may. The account curates — reviews, shares curator fees, appears as a
    /// curator — only once it accepts (<see cref="AcceptCuratorAsync"/>). Inviting again, or a curator, is a no-op.
    /// </summary>
    [Alias("appoint-curator")] Task<DatanetInfo> AppointCuratorAsync(string ownerAccount, string curatorAccount);

    /// <summary>The invited account accepts and becomes a curator (a call the account itself makes). Accepting again is a no-op.</summary>
    [Alias("accept-curator")] Task<DatanetInfo> AcceptCuratorAsync(string curatorAccount);

    /// <summary>The invited account declines its invitation (a call the account itself makes). An unknown invitation is a no-op.</summary>
    [Alias("decline-curator")] Task<DatanetInfo> DeclineCuratorAsync(string account);

    /// <summary>Publishes the approved rows as the next immutable version; only the owner may.</summary>
    [Alias("publish")] Task<DatanetVersionInfo> PublishVersionAsync(string ownerAccount);

    [Alias("version")] Task<DatanetVersionInfo> GetVersionAsync(int version);

    [Alias("contributions")] Task<IReadOnlyList<ContributionRecord>> ListContributionsAsync(int offset, int limit);

    /// <summary>Published versions, oldest first: <paramref name="limit"/> (1–1,000) of them from version <paramref name="offset"/> + 1.</summary>
    [Alias("versions")] Task<IReadOnlyList<DatanetVersionInfo>> ListVersionsAsync(int offset, int limit);

    /// <summary>
    /// Whether this Datanet holds the submission exactly as described (contributor and row range). Interleaves, so
    /// the contributor grain can check a record the Datanet is making while the Datanet waits for it.
    /// </summary>
    [Alias("has-submission"), AlwaysInterleave] Task<bool> HasSubmissionAsync(string contributorAccount, ContributedRows rows);
}
