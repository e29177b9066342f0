using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using Polly;

namespace OpenLedger.Actors.Client;

/// <summary>
/// Typed operations for agent platforms. Every call goes through the resilience pipeline; every call is
/// idempotent (sessions by id, inferences by idempotency key, deposits by deposit id, claims by claim id,
/// account registrations by account, reads), so a retried call never charges or pays twice. Refusals surface as <c>OpenLedgerException</c> with a stable code.
/// </summary>
public sealed class OpenLedgerClient(IGrainFactory grains, ResiliencePipeline pipeline)
{
    public OpenLedgerClient(IGrainFactory grains, OpenLedgerClientOptions options) : this(grains, OpenLedgerResilience.Build(options)) { }

    public Task<SessionInfo> OpenSessionAsync(string sessionId, string payerAccount, string modelId, int topK = 10, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).OpenAsync(payerAccount, modelId, topK), cancellationToken);

    public Task<InferenceResult> InferAsync(string sessionId, InferenceRequest request, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).InferAsync(request), cancellationToken);

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.DepositAsync(depositId, account, amount), cancellationToken);

    public Task<TransferResultCode> OpenAccountAsync(AccountRegistration registration, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.OpenAccountAsync(registration), cancellationToken);

    public Task<AccountInfo?> GetAccountAsync(string account, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetAccountAsync(account), cancellationToken);

    /// <summary>The EIP-712 domain to build and sign a <see cref="ClaimRequest"/> under.</summary>
    public Task<ClaimDomain> GetClaimDomainAsync(CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetClaimDomainAsync(), cancellationToken);

    public Task<TransferResultCode> ClaimAsync(ClaimRequest claim, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.ClaimAsync(claim), cancellationToken);

    public Task<AccountStatement> GetStatementAsync(string account, long afterLine = 0, int limit = 100, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetStatementAsync(account, afterLine, limit), cancellationToken);

    public Task<ClaimableExport> ExportClaimablesAsync(string? afterAccount = null, int limit = 100, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.ExportClaimablesAsync(afterAccount, limit), cancellationToken);

    /// <summary>The stored result of an inference (with its attribution receipt), e.g. the one a statement line references.</summary>
    public Task<InferenceResult?> GetInferenceAsync(string inferenceId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceGrain>(inferenceId).GetResultAsync(), cancellationToken);

    public Task<long> GetBalanceAsync(string account, CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetBalanceAsync(account), cancellationToken);

    public Task<LedgerSummary> GetLedgerSummaryAsync(CancellationToken cancellationToken = default) =>
        Run(() => Ledger.GetSummaryAsync(), cancellationToken);

    public Task<ModelInfo> GetModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IModelGrain>(modelId).GetInfoAsync(), cancellationToken);

    private ILedgerGrain Ledger => grains.GetGrain<ILedgerGrain>(LedgerIds.Main);

    /// <summary>
    /// Runs one idempotent call. The per-attempt timeout stops waiting (the grain call itself is not
    /// cancelled), which is safe only because the retry repeats the same idempotent call.
    /// </summary>
    private Task<T> Run<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(static async (state, token) => await state().WaitAsync(token), call, cancellationToken).AsTask();
}
