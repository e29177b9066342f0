using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Contracts;
using OpenLedger.Actors.Http.Errors;
using OpenLedger.Actors.Http.Quotas;

namespace OpenLedger.Actors.Http.Endpoints;

/// <summary>API keys: issued and revoked by operators. The key is returned once; only its SHA-256 is stored.</summary>
internal static class ApiKeyEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/api-keys").WithTags("API keys");

        keys.MapPost("", async Task<Ok<IssuedApiKey>> (IssueApiKeyRequest body, HttpContext http, IGrainFactory grains, KeyIdSigner keyIds) =>
        {
            var caller = Caller.Required(http);
            RouteIds.Account(body.Account);
            var roles = BodyChecks.NoNullItems(body.Roles, "roles").Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
            if (roles.Length == 0 || roles.Any(r => !ApiRoles.All.Contains(r)))
                throw new ApiProblemException(StatusCodes.Status400BadRequest, "api_key.roles", $"Give one or more roles of: {string.Join(", ", ApiRoles.All.Order())}.");
            var (keyId, apiKey) = ApiKeyFormat.Generate(keyIds.NewKeyId());
            await grains.GetGrain<IApiKeyGrain>(keyId).IssueAsync(
                new ApiKeyRecord(keyId, ApiKeyFormat.Hash(apiKey), body.Account, roles, caller.KeyId, DateTimeOffset.UtcNow));
            return TypedResults.Ok(new IssuedApiKey(keyId, body.Account, roles, apiKey));
        }).Mutating(ApiRoles.Operator).CreationQuota(CreationKinds.ApiKeys).WithName("IssueApiKey");

        keys.MapDelete("/{keyId}", async Task<Ok<ApiKeyView>> (string keyId, IGrainFactory grains) =>
        {
            var record = await grains.GetGrain<IApiKeyGrain>(RouteIds.Id(keyId, "key id")).RevokeAsync()
                ?? throw new ApiProblemException(StatusCodes.Status404NotFound, "api_key.not_found", $"No API key '{keyId}' was issued.");
            return TypedResults.Ok(new ApiKeyView(record.KeyId, record.Account, record.Roles, record.IssuedAt, record.Revoked));
        }).Mutating(ApiRoles.Operator).WithName("RevokeApiKey");
    }
}
