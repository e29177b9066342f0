using Microsoft.Extensions.Options;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Http.Idempotency;

[GenerateSerializer, Alias("openledger.idempotency-state")]
public sealed class IdempotencyState
{
    [Id(0)] public StoredResponse? Response { get; set; }
}

/// <summary>
/// Keeps the stored response of one idempotency key. Only successful responses are stored: a refused request
/// changed nothing, so running it again is safe, and refusals leave no trace in storage. A stored response is kept for
/// <see cref="OpenLedgerApiOptions.IdempotencyRetention"/>: after it the key is free (the expired record is deleted when
/// seen, and by its expiry bucket's sweep otherwise, <see cref="IdempotencyExpiryGrain"/>).
/// </summary>
public sealed class IdempotencyGrain(
    [PersistentState("idempotency", StorageNames.GrainState)] IPersistentState<IdempotencyState> state,
    IOptions<OpenLedgerApiOptions> options,
    TimeProvider clock) : Grain, IIdempotencyGrain
{
    private string? _inFlight;

    public async Task<IdempotencyDecision> BeginAsync(string requestFingerprint)
    {
        await ExpireAsync();
        if (state.State.Response is { } stored)
        {
            return stored.RequestFingerprint == requestFingerprint
                ? new IdempotencyDecision(IdempotencyOutcome.Replay, stored)
                : new IdempotencyDecision(IdempotencyOutcome.KeyReused);
        }
        if (_inFlight is not null)
            return new IdempotencyDecision(_inFlight == requestFingerprint ? IdempotencyOutcome.InFlight : IdempotencyOutcome.KeyReused);
        _inFlight = requestFingerprint;
        return new IdempotencyDecision(IdempotencyOutcome.Proceed);
    }

    public async Task CompleteAsync(StoredResponse response)
    {
        if (state.State.Response is not null || _inFlight != response.RequestFingerprint) return;
        try
        {
            // Listed for deletion before it is written: a record never outlives its retention by much, even if never seen again.
            var now = clock.GetUtcNow();
            var (apiKeyId, key) = IdempotencyRetention.SplitRecordKey(this.GetPrimaryKeyString());
            await GrainFactory.GetGrain<IIdempotencyExpiryGrain>(IdempotencyRetention.BucketKey(apiKeyId, IdempotencyRetention.SliceOf(now))).TrackAsync(key);
            state.State.Response = response with { StoredAt = now };
            await state.WriteOrReloadAsync(this);
        }
        finally
        {
            _inFlight = null;
        }
    }

    public async Task<bool> ExpireAsync()
    {
        if (state.State.Response is not { } stored || !IdempotencyRetention.IsExpired(stored.StoredAt, clock.GetUtcNow(), options.Value.IdempotencyRetention))
            return false;
        await state.ClearStateAsync();
        state.State = new IdempotencyState();
        return true;
    }

    public Task AbandonAsync(string requestFingerprint)
    {
        if (_inFlight == requestFingerprint) _inFlight = null;
        return Task.CompletedTask;
    }
}
