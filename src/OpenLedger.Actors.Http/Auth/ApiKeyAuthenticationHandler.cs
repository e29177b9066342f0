using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Auth;

/// <summary>
/// Authenticates the <c>X-Api-Key</c> header: the key id it carries names a key record (from configuration, or issued
/// through the API and kept in grain storage — then the id must carry its <see cref="KeyIdSigner"/> MAC, checked before
/// any storage read), and the SHA-256 of the presented key must equal the stored hash. A present but wrong, malformed or
/// revoked key is refused on every endpoint (see <see cref="InvalidKeyGate"/>) and counts against the client address's
/// failures (<see cref="AuthFailureLimiter"/>): past the limit, requests with a key are 429 before the key is looked at.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IGrainFactory grains,
    IOptions<OpenLedgerApiOptions> apiOptions,
    KeyIdSigner keyIds,
    AuthFailureLimiter failures) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    internal const string FailureItem = "openledger.auth.failure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(ApiKeyFormat.HeaderName, out var values)) return AuthenticateResult.NoResult();
        if (failures.IsBlocked(Context.Connection.RemoteIpAddress)) return Blocked();
        var presented = values.Count == 1 ? values[0] : null;
        var keyId = ApiKeyFormat.KeyIdOf(presented);
        if (presented is null || keyId is null) return Fail("auth.key_malformed", "The API key is not in the form olk_{keyId}_{secret}.");

        var record = await FindAsync(keyId);
        if (record is null || record.Revoked || !ApiKeyFormat.Matches(presented, record.Sha256))
            return Fail("auth.key_invalid", "The API key is not valid.");

        var claims = new List<Claim> { new(ClaimTypes.NameIdentifier, record.KeyId), new(Caller.AccountClaim, record.Account) };
        claims.AddRange(record.Roles.Select(r => new Claim(ClaimTypes.Role, r)));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    private async Task<ApiKeyRecord?> FindAsync(string keyId)
    {
        var configured = apiOptions.Value.Keys.FirstOrDefault(k => string.Equals(k.KeyId, keyId, StringComparison.Ordinal));
        if (configured is not null)
            return new ApiKeyRecord(configured.KeyId, configured.Sha256, configured.Account, configured.Roles, "configuration", DateTimeOffset.MinValue);
        // Only ids this server signed reach storage: a guessed or made-up id costs no read and activates no grain.
        var stored = keyIds.IsAuthentic(keyId) || (apiOptions.Value.AcceptUnsignedKeyIds && KeyIdSigner.IsUnsignedLegacy(keyId));
        return stored ? await grains.GetGrain<IApiKeyGrain>(keyId).GetAsync() : null;
    }

    private AuthenticateResult Fail(string code, string message)
    {
        if (!failures.RecordFailure(Context.Connection.RemoteIpAddress)) return Blocked();
        Context.Items[FailureItem] = new AuthFailure(StatusCodes.Status401Unauthorized, code, message);
        return AuthenticateResult.Fail(message);
    }

    private AuthenticateResult Blocked()
    {
        const string message = "Too many failed authentications from this address; wait for the window to end.";
        Context.Items[FailureItem] = new AuthFailure(StatusCodes.Status429TooManyRequests, "auth.too_many_failures", message);
        Response.Headers.RetryAfter = ((int)Math.Ceiling(failures.Window.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return AuthenticateResult.Fail(message);
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = Context.Items[FailureItem] as AuthFailure
            ?? new AuthFailure(StatusCodes.Status401Unauthorized, "auth.key_missing", $"This operation needs an API key in the {ApiKeyFormat.HeaderName} header.");
        if (failure.Status == StatusCodes.Status401Unauthorized) Response.Headers.WWWAuthenticate = $"{SchemeName} header=\"{ApiKeyFormat.HeaderName}\"";
        return ApiProblems.WriteAsync(Context, failure.Status, failure.Code, failure.Message);
    }

    /// <summary>The role the operation needs and the roles the key holds, so the caller knows which key to use or ask for.</summary>
    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var required = (Context.GetEndpoint()?.Metadata.GetOrderedMetadata<Microsoft.AspNetCore.Authorization.IAuthorizeData>() ?? [])
            .Select(a => ApiPolicies.RoleOf(a.Policy)).OfType<string>().Distinct().Order(StringComparer.Ordinal).ToArray();
        var caller = Caller.From(Context.User);
        var held = caller?.Roles.Order(StringComparer.Ordinal).ToArray() ?? [];
        var detail = required.Length == 0
            ? "This API key's roles do not allow this operation."
            : $"This operation needs an API key with the role '{string.Join("' or '", required)}'; this key{(caller is null ? "" : $" (acting for '{caller.Account}')")} has {(held.Length == 0 ? "no roles" : $"the roles: {string.Join(", ", held)}")}.";
        return ApiProblems.WriteAsync(Context, StatusCodes.Status403Forbidden, "auth.role_required", detail,
            new Dictionary<string, object?> { ["requiredRoles"] = required, ["keyRoles"] = held });
    }
}

/// <summary>Why authentication failed, as the response will say it.</summary>
internal sealed record AuthFailure(int Status, string Code, string Message);
