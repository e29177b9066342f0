using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Http.Idempotency;

[GenerateSerializer, Alias("openledger.idempotency-expiry-state")]
public sealed class IdempotencyExpiryState
{
    /// <summary>Idempotency keys (of the bucket's API key) stored in the bucket's minute; at most <see cref="IdempotencyRetention.MaxBucketEntries"/>.</summary>
    [Id(0)] public List<string> Keys { get; set; } = [];
}

/// <summary>
/// One expiry bucket: the keys an API key stored records under in one minute. The first key registers a reminder due when
/// the minute has expired; the sweep deletes each listed record (a record stored again since, under a later minute, stays)
/// and then the bucket and its reminder. So the records of a key space never outlive the retention by more than a minute
/// and a reminder period, whether or not anyone uses those keys again.
/// </summary>
public sealed class IdempotencyExpiryGrain(
    [PersistentState("idempotency-expiry", StorageNames.GrainState)] IPersistentState<IdempotencyExpiryState> state,
    IOptions<OpenLedgerApiOptions> options,
    TimeProvider clock,
    ILogger<IdempotencyExpiryGrain> logger) : Grain, IIdempotencyExpiryGrain, IRemindable
{
    private const string SweepReminder = "sweep-idempotency";

    private TimeSpan Retention => options.Value.IdempotencyRetention;

    public async Task TrackAsync(string idempotencyKey)
    {
        if (state.State.Keys.Contains(idempotencyKey, StringComparer.Ordinal)) return;
        if (state.State.Keys.Count >= IdempotencyRetention.MaxBucketEntries)
        {
            logger.LogWarning("Idempotency expiry bucket {Bucket} is full; the record of {Key} will be ignored once expired but not deleted",
                this.GetPrimaryKeyString(), idempotencyKey);
            return;
        }
        if (state.State.Keys.Count == 0)
        {
            var due = IdempotencyRetention.SweepDueAt(IdempotencyRetention.SplitBucketKey(this.GetPrimaryKeyString()).Slice, Retention) - clock.GetUtcNow();
            var period = TimeSpan.FromHours(1); // only a sweep that failed needs a second tick
            await this.RegisterOrUpdateReminder(SweepReminder, due > TimeSpan.Zero ? due : TimeSpan.Zero, period);
        }
        await state.ChangeAndWriteAsync(this, s => s.Keys.Add(idempotencyKey));
    }

    public async Task<int> SweepAsync()
    {
        var (slice, apiKeyId) = IdempotencyRetention.SplitBucketKey(this.GetPrimaryKeyString());
        if (clock.GetUtcNow() < IdempotencyRetention.SweepDueAt(slice, Retention)) return 0;
        var deleted = 0;
        foreach (var key in state.State.Keys)
            if (await GrainFactory.GetGrain<IIdempotencyGrain>($"{apiKeyId}|{key}").ExpireAsync()) deleted++;
        await state.ClearStateAsync();
        if (await this.GetReminder(SweepReminder) is { } reminder) await this.UnregisterReminder(reminder);
        DeactivateOnIdle();
        return deleted;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SweepReminder) await SweepAsync();
    }
}
