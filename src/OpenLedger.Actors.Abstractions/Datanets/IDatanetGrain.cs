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

    /// <summary>Validates and records rows; idempotent per <paramref name="submissionId"/>.</summary>
    [Alias("submit")] Task<SubmissionReceipt> SubmitAsync(string submissionId, string contributorAccount, IReadOnlyList<ContributionRow> rows);

    /// <summary>Approves or rejects pending rows; only a curator may. Re-reviewing a row the same way is a no-op.</summary>
    [Alias("review")] Task<int> ReviewAsync(string curatorAccount, IReadOnlyList<long> rowIds, bool approve);

    /// <summary>Publishes the approved rows as the next immutable version; only the owner may.</summary>
    [Alias("publish")] Task<DatanetVersionInfo> PublishVersionAsync(string ownerAccount);

    [Alias("version")] Task<DatanetVersionInfo> GetVersionAsync(int version);

    [Alias("contributions")] Task<IReadOnlyList<ContributionRecord>> ListContributionsAsync(int offset, int limit);

    /// <summary>
    /// Whether this Datanet holds the submission exactly as described (contributor and row range). Interleaves, so
    /// the contributor grain can check a record the Datanet is making while the Datanet waits for it.
    /// </summary>
    [Alias("has-submission"), AlwaysInterleave] Task<bool> HasSubmissionAsync(string contributorAccount, ContributedRows rows);
}
