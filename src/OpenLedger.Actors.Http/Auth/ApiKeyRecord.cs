namespace OpenLedger.Actors.Http.Auth;

/// <summary>An issued API key as stored: never the key itself, only its SHA-256 (hex).</summary>
[GenerateSerializer, Immutable, Alias("openledger.api-key")]
public sealed record ApiKeyRecord(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Sha256,
    [property: Id(2)] string Account,
    [property: Id(3)] IReadOnlyList<string> Roles,
    [property: Id(4)] string IssuedBy,
    [property: Id(5)] DateTimeOffset IssuedAt,
    [property: Id(6)] bool Revoked = false);
