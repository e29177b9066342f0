namespace OpenLedger.Actors.Http.Idempotency;

/// <summary>
/// When idempotency records expire and where their deletion is tracked. A record stored at <c>t</c> is ignored from
/// <c>t + retention</c> on; it is listed in the expiry bucket of its API key and storage minute (<see cref="SliceOf"/>),
/// which deletes its records once the whole minute has expired (<see cref="SweepDueAt"/>). A bucket holds at most
/// <see cref="MaxBucketEntries"/> keys: the API key's rate limit (600 a minute by default) keeps it far below.
/// </summary>
public static class IdempotencyRetention
{
    /// <summary>The width of one expiry bucket.</summary>
    public static readonly TimeSpan Slice = TimeSpan.FromMinutes(1);

    /// <summary>≈ 3,000 keys of ≤ 128 characters stay under 512 KiB; a record beyond it is only ignored once expired, not deleted.</summary>
    public const int MaxBucketEntries = 3_000;

    public static bool IsExpired(DateTimeOffset storedAt, DateTimeOffset now, TimeSpan retention) => now >= storedAt + retention;

    public static long SliceOf(DateTimeOffset storedAt) => storedAt.UtcTicks / Slice.Ticks;

    /// <summary>When every record of <paramref name="slice"/> has expired.</summary>
    public static DateTimeOffset SweepDueAt(long slice, TimeSpan retention) =>
        new DateTimeOffset((slice + 1) * Slice.Ticks, TimeSpan.Zero) + retention;

    /// <summary>The expiry bucket grain's key: <c>{slice}|{apiKeyId}</c>.</summary>
    public static string BucketKey(string apiKeyId, long slice) => $"{slice}|{apiKeyId}";

    /// <summary>Splits a record grain's key <c>{apiKeyId}|{idempotencyKey}</c> (neither part holds '|').</summary>
    public static (string ApiKeyId, string Key) SplitRecordKey(string recordKey)
    {
        var bar = recordKey.IndexOf('|', StringComparison.Ordinal);
        return bar < 0 ? ("", recordKey) : (recordKey[..bar], recordKey[(bar + 1)..]);
    }

    public static (long Slice, string ApiKeyId) SplitBucketKey(string bucketKey)
    {
        var bar = bucketKey.IndexOf('|', StringComparison.Ordinal);
        return (long.Parse(bucketKey.AsSpan(0, bar), System.Globalization.CultureInfo.InvariantCulture), bucketKey[(bar + 1)..]);
    }
}
