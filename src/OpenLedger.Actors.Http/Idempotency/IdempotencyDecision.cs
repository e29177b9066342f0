namespace OpenLedger.Actors.Http.Idempotency;

public enum IdempotencyOutcome
{
    /// <summary>First use of the key (or earlier uses all failed): run the request.</summary>
    Proceed = 0,
    /// <summary>Same key, same request, stored response: answer with it.</summary>
    Replay = 1,
    /// <summary>Same key, different request.</summary>
    KeyReused = 2,
    /// <summary>Same key, a request with it is still running.</summary>
    InFlight = 3,
}

[GenerateSerializer, Immutable, Alias("openledger.idempotency-decision")]
public sealed record IdempotencyDecision(
    [property: Id(0)] IdempotencyOutcome Outcome,
    [property: Id(1)] StoredResponse? Response = null);
