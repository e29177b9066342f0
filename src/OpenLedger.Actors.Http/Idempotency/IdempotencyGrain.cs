using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Http.Idempotency;

[GenerateSerializer, Alias("openledger.idempotency-state")]
public sealed class IdempotencyState
{
    [Id(0)] public StoredResponse? Response { get; set; }
}

/// <summary>
/// Keeps the stored response of one idempotency key. Only successful responses are stored: a refused request
/// changed nothing, so running it again is safe, and refusals leave no trace in storage.
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.GrainState)] IPersistentState<IdempotencyState> state) : Grain, IIdempotencyGrain
{
    private string? _inFlight;

    public Task<IdempotencyDecision> BeginAsync(string requestFingerprint)
    {
        if (state.State.Response is { } stored)
        {
            return Task.FromResult(stored.RequestFingerprint == requestFingerprint
                ? new IdempotencyDecision(IdempotencyOutcome.Replay, stored)
                : new IdempotencyDecision(IdempotencyOutcome.KeyReused));
        }
        if (_inFlight is not null)
            return Task.FromResult(new IdempotencyDecision(_inFlight == requestFingerprint ? IdempotencyOutcome.InFlight : IdempotencyOutcome.KeyReused));
        _inFlight = requestFingerprint;
        return Task.FromResult(new IdempotencyDecision(IdempotencyOutcome.Proceed));
    }

    public async Task CompleteAsync(StoredResponse response)
    {
        if (state.State.Response is not null || _inFlight != response.RequestFingerprint) return;
        state.State.Response = response;
        try
        {
            await state.WriteOrReloadAsync(this);
        }
        finally
        {
            _inFlight = null;
        }
    }

    public Task AbandonAsync(string requestFingerprint)
    {
        if (_inFlight == requestFingerprint) _inFlight = null;
        return Task.CompletedTask;
    }
}
