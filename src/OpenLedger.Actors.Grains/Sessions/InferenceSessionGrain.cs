using OpenLedger.Actors.Abstractions.Attribution;
using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Abstractions.Models;
using OpenLedger.Actors.Abstractions.Sessions;
using OpenLedger.Actors.Grains.Attribution;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Grains.Sessions;

/// <summary>
/// An agent platform's session. Its state is only the session's identity; each inference is delegated
/// to the <see cref="IInferenceGrain"/> for its key, so different keys run concurrently (inference calls
/// interleave, see the interface) while one key is executed once. <see cref="OpenAsync"/> does not
/// interleave with itself, and inferences see the session only once its opening is durable.
/// </summary>
public sealed class InferenceSessionGrain(
    [PersistentState("session", StorageNames.GrainState)] IPersistentState<SessionState> state,
    TimeProvider clock) : Grain, IInferenceSessionGrain
{
    private SessionInfo? _confirmed;

    private string Id => this.GetPrimaryKeyString();

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _confirmed = state.State.Info;
        return Task.CompletedTask;
    }

    public async Task<SessionInfo> OpenAsync(string payerAccount, string modelId, int topK = 10)
    {
        Guard.Identifier(Id, "session id");
        Guard.Account(payerAccount, "payer account");
        Guard.Identifier(modelId, "model id");
        if (topK < 1 || topK > AttributionGrain.MaxTopK)
            throw OpenLedgerException.Validation("session.top_k", $"top-k must be between 1 and {AttributionGrain.MaxTopK}.");
        if (_confirmed is { } open)
        {
            if (open.PayerAccount == payerAccount && open.ModelId == modelId && open.TopK == topK) return open;
            throw OpenLedgerException.Conflict("session.exists", $"Session '{Id}' is already open with a different payer, model or top-k.");
        }
        await GrainFactory.GetGrain<IModelGrain>(modelId).GetInfoAsync(); // throws model.not_found
        var info = new SessionInfo(Id, payerAccount, modelId, topK, clock.GetUtcNow());
        state.State.Info = info;
        await state.WriteOrReloadAsync(this, () => _confirmed = state.State.Info);
        _confirmed = info;
        return info;
    }

    public Task<SessionInfo> GetInfoAsync() => Task.FromResult(RequireOpen());

    public Task<InferenceResult> InferAsync(InferenceRequest request)
    {
        var session = RequireOpen();
        if (request is null) throw OpenLedgerException.Validation("request.missing", "An inference request is required.");
        Guard.Identifier(request.IdempotencyKey, "idempotency key");
        // The confirmed (durable) session goes with the call, so the inference does not read it back.
        return GrainFactory.GetGrain<IInferenceGrain>(new InferenceId(Id, request.IdempotencyKey).ToString()).ExecuteAsync(session, request);
    }

    private SessionInfo RequireOpen() =>
        _confirmed ?? throw OpenLedgerException.NotFound("session.not_found", $"Session '{Id}' is not open.");
}
