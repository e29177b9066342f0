namespace OpenLedger.Actors.Abstractions.Ledger;

/// <summary>
/// The ledger as one, for clients outside the cluster (which do not know how it is partitioned): the reads and the
/// claim of <see cref="ILedgerGrain"/>, each sent to the partition that holds the account, or merged over all
/// partitions (the summary; an account's credits owed by other partitions). A stateless worker (key
/// <see cref="LedgerIds.Main"/>), so every silo answers locally. With one partition the answers are exactly the
/// ledger grain's.
/// </summary>
[Alias("openledger.ILedgerRouterGrain")]
public interface ILedgerRouterGrain : IGrainWithStringKey
{
    [Alias("account")] Task<AccountInfo?> GetAccountAsync(string account);

    [Alias("claim")] Task<TransferResultCode> ClaimAsync(ClaimRequest claim);

    [Alias("claim-domain")] Task<ClaimDomain> GetClaimDomainAsync();

    [Alias("statement")] Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100);

    /// <summary>The claimables export of one partition (0 … <see cref="LedgerSummary.Partitions"/> − 1; each has its own Merkle root).</summary>
    [Alias("export-claimables")] Task<ClaimableExport> ExportClaimablesAsync(int partition = 0, string? afterAccount = null, int limit = 100);

    [Alias("balance")] Task<long> GetBalanceAsync(string account);

    [Alias("summary")] Task<LedgerSummary> GetSummaryAsync();
}
