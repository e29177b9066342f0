using OpenLedger.Actors.Http.Idempotency;

namespace OpenLedger.Actors.Http.Contracts;

/// <summary>Issue an API key acting for <paramref name="Account"/> with <paramref name="Roles"/> (operators only).</summary>
public sealed record IssueApiKeyRequest(string Account, IReadOnlyList<string> Roles);

/// <summary>
/// A newly issued key. <paramref name="ApiKey"/> is shown once: only its SHA-256 is stored, so a replay of the
/// issuing request (same Idempotency-Key) returns the key id without the secret.
/// </summary>
public sealed record IssuedApiKey(string KeyId, string Account, IReadOnlyList<string> Roles, string? ApiKey) : IReplayRedactable
{
    public object RedactForReplay() => this with { ApiKey = null };
}

/// <summary>An API key as listed or revoked: never the key or its hash.</summary>
public sealed record ApiKeyView(string KeyId, string Account, IReadOnlyList<string> Roles, DateTimeOffset IssuedAt, bool Revoked);
