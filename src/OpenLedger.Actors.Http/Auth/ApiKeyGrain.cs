using OpenLedger.Actors.Abstractions.Errors;
using OpenLedger.Actors.Grains.Storage;

namespace OpenLedger.Actors.Http.Auth;

[GenerateSerializer, Alias("openledger.api-key-state")]
public sealed class ApiKeyState
{
    [Id(0)] public ApiKeyRecord? Record { get; set; }
}

/// <summary>Holds one API key record in grain storage (the SHA-256 of the key, its account and roles).</summary>
public sealed class ApiKeyGrain(
    [PersistentState("api-key", StorageNames.GrainState)] IPersistentState<ApiKeyState> state) : Grain, IApiKeyGrain
{
    public async Task IssueAsync(ApiKeyRecord record)
    {
        if (state.State.Record is not null)
            throw OpenLedgerException.Conflict("api_key.exists", $"API key id '{this.GetPrimaryKeyString()}' is taken.");
        state.State.Record = record;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Record = null;
            throw;
        }
    }

    public Task<ApiKeyRecord?> GetAsync() => Task.FromResult(state.State.Record);

    public async Task<ApiKeyRecord?> RevokeAsync()
    {
        if (state.State.Record is not { } record || record.Revoked) return state.State.Record;
        state.State.Record = record with { Revoked = true };
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State.Record = record;
            throw;
        }
        return state.State.Record;
    }
}
