using System.Security.Claims;
using Microsoft.AspNetCore.Http;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>The authenticated caller: the API key's id, the one account it acts for, and its roles.</summary>
public sealed record Caller(string KeyId, string Account, IReadOnlySet<string> Roles)
{
    public const string AccountClaim = "openledger:account";

    public bool IsOperator => Roles.Contains(ApiRoles.Operator);

    /// <summary>The caller, or null for an anonymous request.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var keyId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var account = user.FindFirstValue(AccountClaim);
        if (keyId is null || account is null) return null;
        return new Caller(keyId, account, user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>The caller of an endpoint that requires authentication (the authorization policy has run).</summary>
    public static Caller Required(HttpContext context) =>
        From(context.User) ?? throw new ApiProblemException(StatusCodes.Status401Unauthorized, "auth.key_missing", "This operation needs an API key.");

    /// <summary>Owner-or-operator reads: anyone else is told the thing does not exist, so private data does not leak.</summary>
    public void RequireOwnerOrOperator(string owner, string notFoundCode, string what)
    {
        if (!IsOperator && !string.Equals(owner, Account, StringComparison.Ordinal))
            throw new ApiProblemException(StatusCodes.Status404NotFound, notFoundCode, $"{what} does not exist or is not visible to this API key.");
    }

    /// <summary>Acting on an account: only the account's own key may.</summary>
    public void RequireSelf(string account)
    {
        if (!string.Equals(account, Account, StringComparison.Ordinal))
            throw new ApiProblemException(StatusCodes.Status403Forbidden, "auth.not_account_owner", $"This API key acts for '{Account}', not for '{account}'.");
    }
}
