using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Idempotency;

namespace OpenLedger.Actors.Http.Endpoints;

internal static class MutatingEndpoint
{
    /// <summary>
    /// Every mutating endpoint: an API key is required (holding <paramref name="role"/> when given), the
    /// Idempotency-Key header is honoured, and refusals are ProblemDetails.
    /// </summary>
    public static RouteHandlerBuilder Mutating(this RouteHandlerBuilder endpoint, string? role = null)
    {
        if (role is null) endpoint.RequireAuthorization();
        else endpoint.RequireAuthorization(ApiPolicies.Role(role));
        return endpoint
            .AddEndpointFilter<IdempotencyKeyFilter>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
    }
}
