namespace OpenLedger.Actors.Http.Auth;

/// <summary>One issued API key, keyed by its key id.</summary>
[Alias("openledger.IApiKeyGrain"), OpenLedger.Actors.Abstractions.Security.InternalGrainCall]
public interface IApiKeyGrain : IGrainWithStringKey
{
    /// <summary>Stores the key record; fails with <c>api_key.exists</c> if the id is taken.</summary>
    [Alias("issue")] Task IssueAsync(ApiKeyRecord record);

    /// <summary>Null when no key was issued under this id.</summary>
    [Alias("get")] Task<ApiKeyRecord?> GetAsync();

    /// <summary>Revokes the key (idempotent); null when no key was issued under this id.</summary>
    [Alias("revoke")] Task<ApiKeyRecord?> RevokeAsync();
}
