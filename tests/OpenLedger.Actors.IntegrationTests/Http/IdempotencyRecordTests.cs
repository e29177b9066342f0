using Microsoft.Extensions.DependencyInjection;
using OpenLedger.Actors.Grains.Storage;
using OpenLedger.Actors.Http.Idempotency;
using Orleans.Storage;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>The idempotency record grain's decisions, step by step (the in-flight case cannot be timed over HTTP), and their retention.</summary>
public sealed class IdempotencyRecordTests
{
    [Fact]
    public async Task A_key_runs_once_refuses_a_second_request_while_running_and_replays_only_what_succeeded()
    {
        await using var host = await ApiHost.StartAsync($"idem-{Guid.NewGuid():N}"[..16]);
        var record = host.Grains.GetGrain<IIdempotencyGrain>("key-1|order-7");

        Assert.Equal(IdempotencyOutcome.Proceed, (await record.BeginAsync("request-a")).Outcome);
        Assert.Equal(IdempotencyOutcome.InFlight, (await record.BeginAsync("request-a")).Outcome);
        Assert.Equal(IdempotencyOutcome.KeyReused, (await record.BeginAsync("request-b")).Outcome);

        await record.AbandonAsync("request-a"); // refused: nothing stored, the key is free again
        Assert.Equal(IdempotencyOutcome.Proceed, (await record.BeginAsync("request-b")).Outcome);
        await record.CompleteAsync(new StoredResponse("request-b", 200, "{\"ok\":true}"u8.ToArray(), DateTimeOffset.UnixEpoch));

        var replay = await record.BeginAsync("request-b");
        Assert.Equal(IdempotencyOutcome.Replay, replay.Outcome);
        Assert.Equal("{\"ok\":true}"u8.ToArray(), replay.Response!.Body);
        Assert.Equal(IdempotencyOutcome.KeyReused, (await record.BeginAsync("request-a")).Outcome);
    }

    /// <summary>
    /// Issue 13, "idempotency records expire after a documented retention" (24 h by default), on simulated time: a record is
    /// replayed until then, its key is free after it (the expired record deleted when seen), and a record nobody uses
    /// again is deleted by its expiry bucket's sweep once the bucket's minute has expired — not before.
    /// </summary>
    [Fact]
    public async Task Records_expire_after_the_retention_and_those_never_seen_again_are_deleted_by_the_sweep()
    {
        var clock = SimulatedTime.StartingNow();
        var cluster = await OpenLedgerTestCluster.StartAsync(new OpenLedgerClusterOptions { Clock = clock });
        try
        {
            var grains = cluster.Client;
            var storage = cluster.GetSiloServiceProvider().GetRequiredKeyedService<IGrainStorage>(StorageNames.GrainState);
            var stored = clock.GetUtcNow();
            var used = grains.GetGrain<IIdempotencyGrain>("key-1|order-7");
            var forgotten = grains.GetGrain<IIdempotencyGrain>("key-1|order-8");
            foreach (var record in new[] { used, forgotten })
            {
                Assert.Equal(IdempotencyOutcome.Proceed, (await record.BeginAsync("request-a")).Outcome);
                await record.CompleteAsync(new StoredResponse("request-a", 201, "{}"u8.ToArray(), DateTimeOffset.UnixEpoch));
            }
            Assert.True(await IsStoredAsync(storage, forgotten));

            clock.Advance(TimeSpan.FromHours(23));
            Assert.Equal(IdempotencyOutcome.Replay, (await used.BeginAsync("request-a")).Outcome);
            Assert.Equal(IdempotencyOutcome.KeyReused, (await used.BeginAsync("request-b")).Outcome);
            var bucket = grains.GetGrain<IIdempotencyExpiryGrain>(IdempotencyRetention.BucketKey("key-1", IdempotencyRetention.SliceOf(stored)));
            Assert.Equal(0, await bucket.SweepAsync()); // not due: nothing deleted
            Assert.True(await IsStoredAsync(storage, forgotten));

            clock.Advance(TimeSpan.FromHours(1));
            Assert.Equal(IdempotencyOutcome.Proceed, (await used.BeginAsync("request-b")).Outcome); // expired: the key is free again
            Assert.False(await IsStoredAsync(storage, used)); // and the expired record is gone
            await used.CompleteAsync(new StoredResponse("request-b", 200, "{}"u8.ToArray(), DateTimeOffset.UnixEpoch));

            clock.Advance(IdempotencyRetention.Slice);
            Assert.InRange(await bucket.SweepAsync(), 0, 1); // the forgotten record (0 when the bucket's own reminder, on the same simulated clock, swept first)
            Assert.False(await IsStoredAsync(storage, forgotten));
            Assert.True(await IsStoredAsync(storage, used));
            Assert.Equal(IdempotencyOutcome.Replay, (await used.BeginAsync("request-b")).Outcome);
        }
        finally
        {
            await cluster.StopAllSilosAsync();
            await cluster.DisposeAsync();
        }
    }

    private static async Task<bool> IsStoredAsync(IGrainStorage storage, IIdempotencyGrain record)
    {
        var state = new GrainState<IdempotencyState>(new IdempotencyState());
        await storage.ReadStateAsync("idempotency", record.GetGrainId(), state);
        return state.State?.Response is not null;
    }
}
