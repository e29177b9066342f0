using Microsoft.AspNetCore.Authorization;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>Authorization policies: one per role, each requiring an authenticated API key holding that role.</summary>
public static class ApiPolicies
{
    private const string RolePrefix = "role:";

    public static string Role(string role) => RolePrefix + role;

    /// <summary>The role a policy name requires, or null when it is not a role policy.</summary>
    public static string? RoleOf(string? policy) => policy is not null && policy.StartsWith(RolePrefix, StringComparison.Ordinal) ? policy[RolePrefix.Length..] : null;

    public static void AddTo(AuthorizationOptions options)
    {
        foreach (var role in ApiRoles.All)
            options.AddPolicy(Role(role), policy => policy.AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(role));
    }
}
