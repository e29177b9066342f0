namespace OpenLedger.Actors.Abstractions.Sessions;

/// <summary>An agent platform's session against one model; <paramref name="PayerAccount"/> pays every inference.</summary>
[GenerateSerializer, Immutable, Alias("openledger.session-info")]
public sealed record SessionInfo(
    [property: Id(0)] string SessionId,
    [property: Id(1)] string PayerAccount,
    [property: Id(2)] string ModelId,
    [property: Id(3)] int TopK,
    [property: Id(4)] DateTimeOffset OpenedAt);
