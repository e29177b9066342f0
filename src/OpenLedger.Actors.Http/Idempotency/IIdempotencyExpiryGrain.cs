namespace OpenLedger.Actors.Http.Idempotency;

/// <summary>
/// The idempotency keys one API key stored records under in one minute (grain key <see cref="IdempotencyRetention.BucketKey"/>):
/// once the minute has expired, a reminder deletes those records and the bucket itself. Internal: the HTTP API's own.
/// </summary>
[Alias("openledger.IIdempotencyExpiryGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IIdempotencyExpiryGrain : IGrainWithStringKey
{
    /// <summary>Lists <paramref name="idempotencyKey"/> for deletion (before its record is written).</summary>
    [Alias("track")] Task TrackAsync(string idempotencyKey);

    /// <summary>Deletes the listed records if the bucket's minute has expired; answers how many were deleted (what the reminder runs).</summary>
    [Alias("sweep")] Task<int> SweepAsync();
}
