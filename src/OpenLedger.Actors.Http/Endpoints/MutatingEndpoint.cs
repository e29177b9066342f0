using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Idempotency;
using OpenLedger.Actors.Http.OpenApi;

namespace OpenLedger.Actors.Http.Endpoints;

internal static class MutatingEndpoint
{
    /// <summary>
    /// Every mutating endpoint: an API key is required (holding <paramref name="role"/> when given), the
    /// Idempotency-Key header is honoured (required when <paramref name="idempotencyKeyRequired"/>), and refusals are
    /// ProblemDetails (the OpenAPI document declares them for every operation: <see cref="ApiConventionsTransformer"/>).
    /// </summary>
    public static RouteHandlerBuilder Mutating(this RouteHandlerBuilder endpoint, string? role = null, bool idempotencyKeyRequired = false)
    {
        if (role is null) endpoint.RequireAuthorization();
        else endpoint.RequireAuthorization(ApiPolicies.Role(role));
        return endpoint
            .AddEndpointFilter<IdempotencyKeyFilter>()
            .WithMetadata(new IdempotencyKeyMetadata(idempotencyKeyRequired));
    }
}
