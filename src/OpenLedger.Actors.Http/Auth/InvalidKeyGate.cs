using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>
/// A request that presents an API key which fails authentication is refused with 401 even where anonymous calls
/// are allowed: a wrong key is a client bug or an attack, never silently downgraded to anonymous.
/// </summary>
public sealed class InvalidKeyGate(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        if (context.Items[ApiKeyAuthenticationHandler.FailureItem] is AuthFailure failure)
            return ApiProblems.WriteAsync(context, failure.Status, failure.Code, failure.Message);
        return next(context);
    }
}
