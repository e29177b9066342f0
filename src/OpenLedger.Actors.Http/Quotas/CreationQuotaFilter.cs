using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenLedger.Actors.Http.Auth;
using OpenLedger.Actors.Http.Errors;

namespace OpenLedger.Actors.Http.Quotas;

/// <summary>
/// Per-key creation quotas (<see cref="OpenLedgerApiOptions.CreationQuotas"/>): a create call runs only while its API key
/// has room in the window, and counts once it succeeded; past the allowance it is 429 <c>quota.{kind}</c> and runs
/// nothing. A refused call writes nothing (not even the count), and a replayed response (the filter runs inside the
/// idempotency filter) does not count. Concurrent creates of one key may each pass the check, so the allowance can be
/// exceeded by at most the key's requests in flight at once.
/// </summary>
internal static class CreationQuotaFilter
{
    public static RouteHandlerBuilder CreationQuota(this RouteHandlerBuilder endpoint, string kind) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            if (Caller.From(context.HttpContext.User) is not { } caller) return await next(context);
            var services = context.HttpContext.RequestServices;
            var options = services.GetRequiredService<IOptions<OpenLedgerApiOptions>>().Value;
            var limit = options.CreationQuotas.For(kind);
            var window = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcTicks / options.CreationQuotaWindow.Ticks;
            var usage = services.GetRequiredService<IGrainFactory>().GetGrain<IApiKeyUsageGrain>(caller.KeyId);
            if (!await usage.HasRoomAsync(kind, window, limit))
                throw new ApiProblemException(StatusCodes.Status429TooManyRequests, $"quota.{kind}",
                    $"This API key has created its {limit} {kind.Replace('_', ' ')} for the current window ({options.CreationQuotaWindow}).");
            var result = await next(context);
            if (result is not IStatusCodeHttpResult { StatusCode: >= 400 }) await usage.RecordAsync(kind, window);
            return result;
        });
}
