using OpenLedger.Actors.Http.Idempotency;

namespace OpenLedger.Actors.IntegrationTests.Http;

/// <summary>The idempotency record grain's decisions, step by step (the in-flight case cannot be timed over HTTP).</summary>
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
}
