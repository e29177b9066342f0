using OpenLedger.Actors.Abstractions.Ledger;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using Polly;

namespace OpenLedger.Actors.Client;

/// <summary>
/// Typed operations for agent platforms. Every call goes through the resilience pipeline; every call is
/// idempotent (sessions by id, inferences by idempotency key, deposits by deposit id, reads), so a
/// retried call never charges twice. Refusals surface as <c>OpenLedgerException</c> with a stable code.
/// </summary>
public sealed class OpenLedgerClient(IGrainFactory grains, ResiliencePipeline pipeline)
{
    public OpenLedgerClient(IGrainFactory grains, OpenLedgerClientOptions options) : this(grains, OpenLedgerResilience.Build(options)) { }

    public Task<SessionInfo> OpenSessionAsync(string sessionId, string payerAccount, string modelId, int topK = 10, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).OpenAsync(payerAccount, modelId, topK), cancellationToken);

    public Task<InferenceResult> InferAsync(string sessionId, InferenceRequest request, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IInferenceSessionGrain>(sessionId).InferAsync(request), cancellationToken);

    public Task<TransferResultCode> DepositAsync(string depositId, string account, long amount, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).DepositAsync(depositId, account, amount), cancellationToken);

    public Task<long> GetBalanceAsync(string account, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetBalanceAsync(account), cancellationToken);

    public Task<LedgerSummary> GetLedgerSummaryAsync(CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<ILedgerGrain>(LedgerIds.Main).GetSummaryAsync(), cancellationToken);

    public Task<ModelInfo> GetModelAsync(string modelId, CancellationToken cancellationToken = default) =>
        Run(() => grains.GetGrain<IModelGrain>(modelId).GetInfoAsync(), cancellationToken);

    /// <summary>
    /// Runs one idempotent call. The per-attempt timeout stops waiting (the grain call itself is not
    /// cancelled), which is safe only because the retry repeats the same idempotent call.
    /// </summary>
    private Task<T> Run<T>(Func<Task<T>> call, CancellationToken cancellationToken) =>
        pipeline.ExecuteAsync(static async (state, token) => await state().WaitAsync(token), call, cancellationToken).AsTask();
}
