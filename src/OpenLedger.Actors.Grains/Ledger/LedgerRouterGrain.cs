using OpenLedger.Actors.Abstractions.Ledger;
using Orleans.Concurrency;

namespace OpenLedger.Actors.Grains.Ledger;

/// <summary>The ledger router (<see cref="LedgerRouter"/>) for clients outside the cluster; stateless, every silo serves it locally.</summary>
[StatelessWorker]
public sealed class LedgerRouterGrain(LedgerRouter ledger) : Grain, ILedgerRouterGrain
{
    public Task<AccountInfo?> GetAccountAsync(string account) => ledger.GetAccountAsync(account);

    public Task<TransferResultCode> ClaimAsync(ClaimRequest claim) => ledger.ClaimAsync(claim);

    public Task<ClaimDomain> GetClaimDomainAsync() => ledger.GetClaimDomainAsync();

    public Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100) => ledger.GetStatementAsync(account, afterLine, limit);

    public Task<ClaimableExport> ExportClaimablesAsync(int partition = 0, string? afterAccount = null, int limit = 100) =>
        ledger.ExportClaimablesAsync(partition, afterAccount, limit);

    public Task<long> GetBalanceAsync(string account) => ledger.GetBalanceAsync(account);

    public Task<LedgerSummary> GetSummaryAsync() => ledger.GetSummaryAsync();
}
