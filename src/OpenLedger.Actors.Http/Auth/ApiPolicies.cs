using Microsoft.AspNetCore.Authorization;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>Authorization policies: one per role, each requiring an authenticated API key holding that role.</summary>
public static class ApiPolicies
{
    public static string Role(string role) => $"role:{role}";

    public static void AddTo(AuthorizationOptions options)
    {
        foreach (var role in ApiRoles.All)
            options.AddPolicy(Role(role), policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(role));
    }
}
