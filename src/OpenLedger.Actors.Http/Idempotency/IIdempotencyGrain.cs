namespace OpenLedger.Actors.Http.Idempotency;

/// <summary>
/// One idempotency key of one API key, keyed <c>{apiKeyId}|{idempotencyKey}</c>. Serialises the uses of the key:
/// the first request runs, its successful response is stored, and later requests with the same key replay it.
/// </summary>
[Alias("openledger.IIdempotencyGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IIdempotencyGrain : IGrainWithStringKey
{
    [Alias("begin")] Task<IdempotencyDecision> BeginAsync(string requestFingerprint);

    /// <summary>Stores the successful response of the request that <see cref="BeginAsync"/> let proceed.</summary>
    [Alias("complete")] Task CompleteAsync(StoredResponse response);

    /// <summary>The request failed (nothing to replay): the key is free again.</summary>
    [Alias("abandon")] Task AbandonAsync(string requestFingerprint);

    /// <summary>Deletes the stored response if its retention has passed; answers whether one was deleted.</summary>
    [Alias("expire")] Task<bool> ExpireAsync();
}
